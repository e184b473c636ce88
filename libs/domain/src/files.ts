/**
 * Upload rules: what an organisation may upload and how a file's real type is told from its first
 * bytes (never from its name or the browser's Content-Type).
 */

export const ORG_DOCUMENT_KINDS = ['registration_certificate', 'statute', 'licence', 'financial_statements', 'other'] as const;
export type OrgDocumentKind = (typeof ORG_DOCUMENT_KINDS)[number];

export function isOrgDocumentKind(value: unknown): value is OrgDocumentKind {
  return typeof value === 'string' && (ORG_DOCUMENT_KINDS as readonly string[]).includes(value);
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * How many leading bytes to hand to sniffFileType. OOXML and ODF are recognised from the names of the
 * zip entries, which Word, Excel and LibreOffice write within the first few kilobytes.
 */
export const SNIFF_HEAD_BYTES = 64 * 1024;

export type SniffedFile = { mime: string; ext: string };

export const MIME = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  odt: 'application/vnd.oasis.opendocument.text',
  zip: 'application/zip',
} as const;

/** What the portal accepts: PDF, PNG, JPEG, DOCX, XLSX, DOC, XLS, ODT. */
export const ALLOWED_UPLOAD_MIME: readonly string[] = [MIME.pdf, MIME.png, MIME.jpeg, MIME.docx, MIME.xlsx, MIME.doc, MIME.xls, MIME.odt];

const ODF_EXT: Readonly<Record<string, string>> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/vnd.oasis.opendocument.graphics': 'odg',
};

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (head.length < at + bytes.length) return false;
  return bytes.every((b, i) => head[at + i] === b);
}

function latin1(head: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < Math.min(to, head.length); i++) s += String.fromCharCode(head[i]!);
  return s;
}

function u16(head: Uint8Array, at: number): number {
  return head[at]! | (head[at + 1]! << 8);
}

function u32(head: Uint8Array, at: number): number {
  return (head[at]! | (head[at + 1]! << 8) | (head[at + 2]! << 16) | (head[at + 3]! << 24)) >>> 0;
}

function utf16le(s: string): number[] {
  return [...s].flatMap((c) => [c.charCodeAt(0), 0]);
}

function indexOfBytes(head: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= head.length; i++) {
    for (let j = 0; j < needle.length; j++) if (head[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

/** Names of the zip entries whose local headers lie within the head. */
function zipEntryNames(head: Uint8Array): string[] {
  const names: string[] = [];
  for (let at = 0; at + 30 <= head.length; at++) {
    if (!startsWith(head, ZIP_LOCAL_HEADER, at)) continue;
    const nameLength = u16(head, at + 26);
    if (at + 30 + nameLength > head.length) break;
    names.push(latin1(head, at + 30, at + 30 + nameLength));
    at += 29 + nameLength;
  }
  return names;
}

function sniffZip(head: Uint8Array): SniffedFile {
  // ODF: the first entry is an uncompressed file called "mimetype" holding the media type.
  const firstNameLength = u16(head, 26);
  const extraLength = u16(head, 28);
  if (latin1(head, 30, 30 + firstNameLength) === 'mimetype' && u16(head, 8) === 0) {
    const start = 30 + firstNameLength + extraLength;
    const mime = latin1(head, start, start + Math.min(u32(head, 22), 100));
    const ext = ODF_EXT[mime];
    if (ext) return { mime, ext };
  }
  const names = zipEntryNames(head);
  if (names.some((n) => n.startsWith('word/'))) return { mime: MIME.docx, ext: 'docx' };
  if (names.some((n) => n.startsWith('xl/'))) return { mime: MIME.xlsx, ext: 'xlsx' };
  if (names.some((n) => n.startsWith('ppt/'))) return { mime: MIME.pptx, ext: 'pptx' };
  return { mime: MIME.zip, ext: 'zip' };
}

function sniffOle(head: Uint8Array): SniffedFile {
  // Stream names in the compound file's directory (UTF-16LE), when the directory lies within the head.
  if (indexOfBytes(head, utf16le('WordDocument')) >= 0) return { mime: MIME.doc, ext: 'doc' };
  if (indexOfBytes(head, utf16le('Workbook')) >= 0) return { mime: MIME.xls, ext: 'xls' };
  if (indexOfBytes(head, utf16le('PowerPoint Document')) >= 0) return { mime: MIME.ppt, ext: 'ppt' };
  // Directory not seen: legacy Office documents are the OLE2 files people upload; treat it as Word.
  return { mime: MIME.doc, ext: 'doc' };
}

/** The file's type from its leading bytes (see SNIFF_HEAD_BYTES), or null when it is not recognised. */
export function sniffFileType(head: Uint8Array): SniffedFile | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: MIME.pdf, ext: 'pdf' }; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: MIME.png, ext: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mime: MIME.jpeg, ext: 'jpg' };
  if (startsWith(head, ZIP_LOCAL_HEADER) && head.length >= 30) return sniffZip(head);
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle(head);
  return null;
}

export function isAllowedUpload(sniffed: SniffedFile | null): boolean {
  return sniffed !== null && ALLOWED_UPLOAD_MIME.includes(sniffed.mime);
}
