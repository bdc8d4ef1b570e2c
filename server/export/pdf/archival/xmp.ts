/** What the XMP packet of an archival PDF says; the Info dictionary says the same (PDF/A-2, 6.6.3). */
export interface XmpFields {
  title: string;
  author?: string;
  subject?: string;
  /** BCP 47 tag ('fr-FR'). */
  language: string;
  creatorTool: string;
  producer: string;
  created: Date;
  modified: Date;
  /** PDF/A part and conformance level ('2', 'U'). */
  pdfa: { part: 2; conformance: 'B' | 'U' };
}

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** XMP dates with the time zone, as the Info dictionary's dates are written (UTC). */
const xmpDate = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

/**
 * The metadata packet: Dublin Core (title, creator, description, language), XMP basic (dates,
 * creator tool), Adobe PDF (producer) and PDF/A identification: only schemas PDF/A-2 predefines,
 * so no extension schema is needed. Written uncompressed, with the padding XMP recommends so the
 * packet can be edited in place.
 */
export function buildXmp(fields: XmpFields): string {
  const dc = [
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(fields.title)}</rdf:li></rdf:Alt></dc:title>`,
    fields.author ? `<dc:creator><rdf:Seq><rdf:li>${escapeXml(fields.author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    fields.subject ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(fields.subject)}</rdf:li></rdf:Alt></dc:description>` : '',
    `<dc:language><rdf:Bag><rdf:li>${escapeXml(fields.language)}</rdf:li></rdf:Bag></dc:language>`,
  ].filter(Boolean);
  const body = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">${dc.join('')}</rdf:Description>`,
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">' +
      `<xmp:CreatorTool>${escapeXml(fields.creatorTool)}</xmp:CreatorTool><xmp:CreateDate>${xmpDate(fields.created)}</xmp:CreateDate>` +
      `<xmp:ModifyDate>${xmpDate(fields.modified)}</xmp:ModifyDate><xmp:MetadataDate>${xmpDate(fields.modified)}</xmp:MetadataDate></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${escapeXml(fields.producer)}</pdf:Producer></rdf:Description>`,
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">' +
      `<pdfaid:part>${fields.pdfa.part}</pdfaid:part><pdfaid:conformance>${fields.pdfa.conformance}</pdfaid:conformance></rdf:Description>`,
    '</rdf:RDF>',
    '</x:xmpmeta>',
  ];
  return `${body.join('\n')}\n${' '.repeat(2000)}\n<?xpacket end="w"?>`;
}
