"""The weekly loop around the build: start next week's spec (``init``), rebuild on save (``watch``)."""
