import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isAllowedUpload, MAX_UPLOAD_BYTES, sniffFileType } from '@grants/domain';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { FileEntity } from './entities/file.entity';
import { FILE_STORAGE, FileStorage } from './storage';

export type Upload = { originalname: string; buffer: Buffer; size: number };

@Injectable()
export class FilesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly access: AccessService,
  ) {}

  /** Checks the upload by its content (not its name), stores it, and records its SHA-256. */
  async store(manager: EntityManager, upload: Upload | undefined, owner: { organizationId: string | null; userId: string; callId?: string; applicationId?: string }): Promise<FileEntity> {
    if (!upload || !upload.buffer?.length) throw AppError.badRequest('file', 'required', 'Choose a file to upload');
    // the bytes received, not the size the uploader declared (a caller's `size` may be wrong; the record must not be)
    const size = upload.buffer.length;
    if (size > MAX_UPLOAD_BYTES) throw AppError.badRequest('file', 'file_too_large', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    const sniffed = sniffFileType(new Uint8Array(upload.buffer.subarray(0, 4100)));
    if (!sniffed || !isAllowedUpload(sniffed)) {
      throw AppError.badRequest('file', 'file_type', 'This type of file is not accepted: upload a PDF, an image (PNG, JPEG) or an office document (DOCX, XLSX, DOC, ODT)');
    }
    const sha256 = createHash('sha256').update(upload.buffer).digest('hex');
    const id = randomUUID();
    const d = new Date();
    const key = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
    await this.storage.put(key, upload.buffer, sniffed.mime);
    const fileName = sanitizeFileName(upload.originalname, sniffed.ext);
    const row = manager.create(FileEntity, {
      id, storage: this.storage.kind, storageKey: key, fileName, mimeType: sniffed.mime, size, sha256,
      organizationId: owner.organizationId, createdBy: owner.userId, callId: owner.callId ?? null, applicationId: owner.applicationId ?? null,
    });
    await manager.insert(FileEntity, row);
    return row;
  }

  /** Download through the access check of the record the file belongs to. */
  async open(actor: AuthUser, fileId: string): Promise<{ file: FileEntity; stream: Readable }> {
    const file = await this.ds.getRepository(FileEntity).findOne({ where: { id: fileId } });
    if (!file) throw AppError.notFound('file');
    // A file is seen by whoever may see the record it belongs to.
    if (file.applicationId) await this.access.requireAnyAccess(actor, ['application.read.own', 'evaluation.read.application'], [file.applicationId]);
    else if (file.callId) await this.access.requireAccess(actor, 'call.read.published', [file.callId]);
    else if (file.organizationId) await this.access.requireAccess(actor, 'organization.read.own', [file.organizationId]);
    else throw AppError.notFound('file');
    return { file, stream: await this.storage.get(file.storageKey) };
  }
}

export function sanitizeFileName(name: string, ext: string): string {
  const cleaned = [...(name || 'document').normalize('NFC')].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('');
  const base = cleaned.slice(0, 180).trim() || 'document';
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base.replace(/\.[^.]*$/, '')}.${ext}`;
}
