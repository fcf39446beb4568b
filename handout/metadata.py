"""XMP metadata: the document's title, language and the standards it claims, matching the
Info dictionary that ReportLab writes (PDF/A requires the two to agree)."""

from __future__ import annotations

from handout.markup import escape

_PDFUA_EXTENSION = """
  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
      xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
      xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Part of ISO 14289 followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>"""


def xmp(info: object, language: str, date: str, pdfa: bool) -> str:
    """The XMP packet for a ReportLab PDFInfo (title, author, subject, keywords, creator,
    producer) and the document's date in ISO 8601."""

    def text(value: object) -> str:
        return escape(str(value or ""))

    pdfa_ids = (
        "\n   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>A</pdfaid:conformance>"
        if pdfa
        else ""
    )
    return _compact(f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
      xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
      xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
      xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(info.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{text(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">{text(info.subject)}</rdf:li>
   </rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{text(language)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{text(info.keywords)}</pdf:Keywords>
   <pdf:Producer>{text(info.producer)}</pdf:Producer>
   <xmp:CreatorTool>{text(info.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <pdfuaid:part>1</pdfuaid:part>{pdfa_ids}
  </rdf:Description>{_PDFUA_EXTENSION if pdfa else ""}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""")


def _compact(packet: str) -> str:
    """The packet without the indentation that makes it readable here: it is written
    uncompressed (PDF/A), so every byte of it is in the file."""
    return "\n".join(line.strip() for line in packet.splitlines())
