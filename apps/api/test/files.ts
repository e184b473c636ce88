/** Tiny but real file headers, so the content check can be tested without fixtures on disk. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]);
