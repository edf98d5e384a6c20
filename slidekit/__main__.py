from slidekit.cli import main

main()
