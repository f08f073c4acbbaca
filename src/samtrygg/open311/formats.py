"""GeoReport v2's two encodings of the same data: JSON (a list of objects) and XML (a root element holding one
element per object, each field a child element). Plain Python."""

from xml.etree import ElementTree

# Root and item element names per answer, as the GeoReport v2 specification names them.
ROOTS = {
    "services": ("services", "service"),
    "definition": (None, "service_definition"),
    "requests": ("service_requests", "request"),
    "errors": ("errors", "error"),
}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _element(tag: str, value) -> ElementTree.Element:
    element = ElementTree.Element(tag)
    if isinstance(value, dict):
        for key, inner in value.items():
            element.append(_element(key, inner))
    elif isinstance(value, list):
        for inner in value:
            element.append(_element(tag[:-1] if tag.endswith("s") else "item", inner))
    else:
        element.text = _text(value)
    return element


def to_xml(kind: str, items: list[dict] | dict) -> bytes:
    root_tag, item_tag = ROOTS[kind]
    if root_tag is None:
        root = _element(item_tag, items)
    else:
        root = ElementTree.Element(root_tag)
        for item in items:
            root.append(_element(item_tag, item))
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
