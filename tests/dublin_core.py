"""Read a page's Dublin Core metadata as a reader's tools would (for any page's tests)."""

from lxml import html as lxml_html

DC_ELEMENTS = ("DC.title", "DC.creator", "DC.date", "DC.description", "DC.publisher", "DC.identifier")


def dublin_core(content):
    """{"DC.title": "…", …} from the <meta name="DC.*"> tags in the page's <head>."""
    if isinstance(content, bytes):
        content = content.decode()
    head = lxml_html.document_fromstring(content).head
    found = {}
    for meta in head.iter("meta"):
        name = meta.get("name") or ""
        if name.startswith("DC."):
            assert name not in found, f"{name} appears twice"
            found[name] = meta.get("content")
    schema = [link.get("href") for link in head.iter("link") if link.get("rel") == "schema.DC"]
    assert schema == ["http://purl.org/dc/elements/1.1/"], "the DC schema link is missing"
    return found
