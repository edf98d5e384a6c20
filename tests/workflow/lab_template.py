"""Make a lab-style .pptx template with python-pptx: renamed, reordered layouts, own fonts and accents."""

from __future__ import annotations

import re
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

NAMES = {"Title Slide": "Titel", "Title Only": "Nur Titel", "Section Header": "Abschnitt"}
ACCENTS = ("7A1F5C", "2E8B57", "D4A017", "1E3A8A", "FAFAF0", "8B4513")
"""accent5 is nearly white: it must not become a chart colour."""


def make_template(
    path: Path,
    *,
    heading_font: str = "Georgia",
    body_font: str = "Verdana",
    width: float = 13.333,
    height: float = 7.5,
    strip_types: bool = True,
) -> Path:
    """Write a template at ``path`` whose layouts must be found by role, and return ``path``.

    Its layouts are renamed (German), the title-only and section layouts are
    moved before the title layout, and with ``strip_types`` PowerPoint's layout
    types are removed too, so only the placeholders (and names) tell what each
    layout is for. It carries one sample slide, as lab templates do.
    """
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(width), Inches(height)
    master = presentation.slide_master
    for layout in presentation.slide_layouts:
        layout.name = NAMES.get(layout.name, f"Layout {layout.name}")
        if strip_types and "type" in layout.element.attrib:
            del layout.element.attrib["type"]
    # Reorder: the title layout is no longer first.
    id_list = master.element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}sldLayoutIdLst"
    )
    first = id_list[0]
    id_list.remove(first)
    id_list.append(first)
    theme = master.part.part_related_by(RT.THEME)
    xml = theme.blob.decode()
    xml = re.sub(r'(<a:majorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{heading_font}", xml)
    xml = re.sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{body_font}", xml)
    for i, accent in enumerate(ACCENTS, start=1):
        xml = re.sub(
            rf"<a:accent{i}>.*?</a:accent{i}>",
            f'<a:accent{i}><a:srgbClr val="{accent}"/></a:accent{i}>', xml, flags=re.S,
        )
    theme._blob = xml.encode()
    sample = presentation.slides.add_slide(presentation.slide_layouts[-1])
    sample.shapes.title.text = "SAMPLE SLIDE: delete me"
    presentation.save(path)
    return path
