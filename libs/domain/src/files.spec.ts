import fc from 'fast-check';
import { ALLOWED_UPLOAD_MIME, isAllowedUpload, isOrgDocumentKind, MAX_UPLOAD_BYTES, MIME, ORG_DOCUMENT_KINDS, sniffFileType } from './files';

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

/** A zip local file header followed by its (stored or pretend-deflated) data. */
function zipEntry(name: string, data: number[], method = 8): number[] {
  return [
    ...[0x50, 0x4b, 0x03, 0x04],
    ...le16(20), // version needed
    ...le16(0), // flags
    ...le16(method),
    ...le16(0), // time
    ...le16(0), // date
    ...le32(0), // crc (not checked)
    ...le32(data.length),
    ...le32(data.length),
    ...le16(name.length),
    ...le16(0), // extra length
    ...ascii(name),
    ...data,
  ];
}

const deflated = (n: number) => Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
const bytes = (...parts: number[][]) => Uint8Array.from(parts.flat());

function ooxml(folder: string): Uint8Array {
  return bytes(
    zipEntry('[Content_Types].xml', deflated(300)),
    zipEntry('_rels/.rels', deflated(200)),
    zipEntry(`${folder}/document.xml`, deflated(500)),
  );
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const utf16 = (s: string) => [...s].flatMap((c) => [c.charCodeAt(0), 0]);
const ole = (...streamNames: string[]) => bytes(OLE_MAGIC, new Array(504).fill(0), ...streamNames.map((n) => [...utf16(n), 0, 0]));

describe('sniffFileType', () => {
  it('recognises PDF, PNG and JPEG by their magic bytes', () => {
    expect(sniffFileType(bytes(ascii('%PDF-1.7\n%âãÏÓ')))).toEqual({ mime: 'application/pdf', ext: 'pdf' });
    expect(sniffFileType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toEqual({ mime: 'image/png', ext: 'png' });
    expect(sniffFileType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, ...ascii('JFIF')]))).toEqual({ mime: 'image/jpeg', ext: 'jpg' });
  });

  it('tells DOCX, XLSX and PPTX apart by their zip entry names', () => {
    expect(sniffFileType(ooxml('word'))).toEqual({ mime: MIME.docx, ext: 'docx' });
    expect(sniffFileType(ooxml('xl'))).toEqual({ mime: MIME.xlsx, ext: 'xlsx' });
    expect(sniffFileType(ooxml('ppt'))).toEqual({ mime: MIME.pptx, ext: 'pptx' });
  });

  it('recognises a DOCX whose word/ entry is the first one', () => {
    expect(sniffFileType(bytes(zipEntry('word/document.xml', deflated(40))))).toEqual({ mime: MIME.docx, ext: 'docx' });
  });

  it('recognises an ODF text document by its stored mimetype entry', () => {
    const odt = bytes(zipEntry('mimetype', ascii('application/vnd.oasis.opendocument.text'), 0), zipEntry('content.xml', deflated(100)));
    expect(sniffFileType(odt)).toEqual({ mime: 'application/vnd.oasis.opendocument.text', ext: 'odt' });
    const ods = bytes(zipEntry('mimetype', ascii('application/vnd.oasis.opendocument.spreadsheet'), 0));
    expect(sniffFileType(ods)).toEqual({ mime: 'application/vnd.oasis.opendocument.spreadsheet', ext: 'ods' });
  });

  it('calls any other zip a zip', () => {
    expect(sniffFileType(bytes(zipEntry('setup.exe', deflated(100)), zipEntry('readme.txt', deflated(10))))).toEqual({ mime: 'application/zip', ext: 'zip' });
  });

  it('does not mistake a word/ string inside compressed data for an entry name', () => {
    const sneaky = bytes(zipEntry('notes.txt', [...ascii('word/document.xml xl/ ppt/'), ...deflated(20)]));
    expect(sniffFileType(sneaky)).toEqual({ mime: 'application/zip', ext: 'zip' });
  });

  it('reads legacy Office compound files, by stream name when the directory is visible', () => {
    expect(sniffFileType(ole('Root Entry', 'WordDocument', '1Table'))).toEqual({ mime: 'application/msword', ext: 'doc' });
    expect(sniffFileType(ole('Root Entry', 'Workbook'))).toEqual({ mime: 'application/vnd.ms-excel', ext: 'xls' });
    expect(sniffFileType(ole('Root Entry', 'PowerPoint Document'))).toEqual({ mime: 'application/vnd.ms-powerpoint', ext: 'ppt' });
    expect(sniffFileType(ole())).toEqual({ mime: 'application/msword', ext: 'doc' });
  });

  it('does not recognise executables, HTML, text or truncated headers', () => {
    expect(sniffFileType(bytes(ascii('MZ\x90\x00\x03')))).toBeNull();
    expect(sniffFileType(bytes(ascii('<!DOCTYPE html><html>')))).toBeNull();
    expect(sniffFileType(bytes(ascii('Just some text')))).toBeNull();
    expect(sniffFileType(bytes(ascii('%PDF')))).toBeNull();
    expect(sniffFileType(bytes([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBeNull();
    expect(sniffFileType(new Uint8Array(0))).toBeNull();
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (tail, asZip) => {
        const head = asZip ? bytes([0x50, 0x4b, 0x03, 0x04], [...tail]) : tail;
        const result = sniffFileType(head);
        expect(result === null || (typeof result.mime === 'string' && typeof result.ext === 'string')).toBe(true);
      }),
    );
  });
});

describe('upload rules', () => {
  it('allows PDF, PNG, JPEG, DOCX, XLSX, DOC, XLS and ODT only', () => {
    expect(isAllowedUpload(sniffFileType(bytes(ascii('%PDF-1.4'))))).toBe(true);
    expect(isAllowedUpload(sniffFileType(ooxml('word')))).toBe(true);
    expect(isAllowedUpload(sniffFileType(ooxml('xl')))).toBe(true);
    expect(isAllowedUpload(sniffFileType(ole('WordDocument')))).toBe(true);
    expect(isAllowedUpload(sniffFileType(ole('Workbook')))).toBe(true);
    expect(isAllowedUpload(sniffFileType(ooxml('ppt')))).toBe(false);
    expect(isAllowedUpload(sniffFileType(ole('PowerPoint Document')))).toBe(false);
    expect(isAllowedUpload(sniffFileType(bytes(zipEntry('a.exe', deflated(10)))))).toBe(false);
    expect(isAllowedUpload({ mime: 'text/html', ext: 'html' })).toBe(false);
    expect(isAllowedUpload(null)).toBe(false);
    expect(ALLOWED_UPLOAD_MIME).toHaveLength(8);
  });

  it('caps uploads at 10 MB', () => {
    expect(MAX_UPLOAD_BYTES).toBe(10_485_760);
  });

  it('knows the organisation document kinds', () => {
    expect(ORG_DOCUMENT_KINDS).toEqual(['registration_certificate', 'statute', 'licence', 'financial_statements', 'other']);
    expect(isOrgDocumentKind('statute')).toBe(true);
    expect(isOrgDocumentKind('passport')).toBe(false);
  });
});
