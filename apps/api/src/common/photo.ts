/**
 * Photos from monitoring visits lose their location and camera metadata before they are stored (issue 11): the
 * image is decoded and re-encoded by sharp (libvips), which writes no EXIF, GPS, XMP or IPTC block unless asked
 * to. The camera's orientation tag is applied to the pixels first, so a photo taken upright still shows upright
 * once the tag is gone. The output keeps the input's format (JPEG stays JPEG, PNG stays PNG, WebP stays WebP).
 *
 * Not wired into any route yet: the visit report's photo upload calls it before the file is stored.
 */
import sharp, { type Metadata } from 'sharp';

/** The photo types a visit report accepts, and the format sharp must find in the bytes for each. */
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMimeType = (typeof PHOTO_MIME_TYPES)[number];

const FORMAT_BY_MIME: Readonly<Record<PhotoMimeType, 'jpeg' | 'png' | 'webp'>> = Object.freeze({
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
});

/** Larger photos are refused rather than decoded (a 24 MP phone photo is well below). */
export const PHOTO_MAX_PIXELS = 50_000_000;

export type PhotoRejection = 'unsupported_type' | 'not_an_image' | 'type_mismatch' | 'too_large';

/** Why a photo cannot be taken; the route answers 422 naming the file field and this code. */
export class PhotoRejectedError extends Error {
  constructor(readonly code: PhotoRejection) {
    super(`photo rejected: ${code}`);
    this.name = 'PhotoRejectedError';
  }
}

export function isPhotoMimeType(value: unknown): value is PhotoMimeType {
  return typeof value === 'string' && (PHOTO_MIME_TYPES as readonly string[]).includes(value);
}

export type StrippedPhoto = { buffer: Buffer; mime: PhotoMimeType; width: number; height: number };

/**
 * The photo re-encoded without any metadata, in the declared type. Refuses (PhotoRejectedError) a type that is
 * not a photo type, bytes that are not an image, bytes of another format than declared, and images over
 * PHOTO_MAX_PIXELS.
 */
export async function stripPhotoMetadata(buffer: Buffer, mime: string): Promise<StrippedPhoto> {
  const type = typeof mime === 'string' ? mime.toLowerCase().split(';')[0]!.trim() : '';
  if (!isPhotoMimeType(type)) throw new PhotoRejectedError('unsupported_type');
  const format = FORMAT_BY_MIME[type];
  let meta: Metadata;
  try {
    meta = await sharp(buffer, { limitInputPixels: PHOTO_MAX_PIXELS }).metadata();
  } catch {
    throw new PhotoRejectedError('not_an_image');
  }
  if (meta.format !== format) throw new PhotoRejectedError('type_mismatch');
  if ((meta.width ?? 0) * (meta.height ?? 0) > PHOTO_MAX_PIXELS) throw new PhotoRejectedError('too_large');
  // rotate() with no angle applies the EXIF orientation; no withMetadata()/keepMetadata(): nothing is copied
  let pipeline = sharp(buffer, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: 'error' }).rotate();
  if (format === 'jpeg') pipeline = pipeline.jpeg({ quality: 90, mozjpeg: true });
  else if (format === 'png') pipeline = pipeline.png();
  else pipeline = pipeline.webp({ quality: 90 });
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { buffer: data, mime: type, width: info.width, height: info.height };
  } catch {
    throw new PhotoRejectedError('not_an_image');
  }
}
