/** Photos lose their location and camera metadata (issue 11): a JPEG made here WITH GPS tags comes back without them. */
import exifr from 'exifr';
import sharp from 'sharp';
import { PhotoRejectedError, stripPhotoMetadata } from '../src/common/photo';

async function photoWithGps(orientation?: number): Promise<Buffer> {
  let img = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } }).jpeg();
  if (orientation) img = img.withMetadata({ orientation });
  return img
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'X1' },
      // IFD3 is the GPS block: a shelter in Prishtina, 42°39'N 21°9'E
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '42/1 39/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '21/1 9/1 0/1' },
    })
    .toBuffer();
}

describe('stripPhotoMetadata', () => {
  it('removes GPS and camera tags from a JPEG and keeps a valid JPEG of the same size', async () => {
    const input = await photoWithGps();
    // the fixture really carries them
    expect(await exifr.gps(input)).toEqual({ latitude: 42.65, longitude: 21.15 });
    expect(await exifr.parse(input)).toMatchObject({ Make: 'TestCam', Model: 'X1' });

    const out = await stripPhotoMetadata(input, 'image/jpeg');
    expect(out).toMatchObject({ mime: 'image/jpeg', width: 64, height: 48 });
    expect(await exifr.gps(out.buffer)).toBeUndefined();
    expect(await exifr.parse(out.buffer, true)).toBeUndefined();
    const meta = await sharp(out.buffer).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    // the pixels are still there: decodes fully
    const { info } = await sharp(out.buffer).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([64, 48]);
  });

  it('applies the camera orientation to the pixels before dropping the tag', async () => {
    // 6 = rotated 90° clockwise: the stored 64×48 image shows as 48×64
    const input = await photoWithGps(6);
    expect(await exifr.parse(input)).toMatchObject({ Orientation: 'Rotate 90 CW' });
    const out = await stripPhotoMetadata(input, 'image/jpeg');
    expect([out.width, out.height]).toEqual([48, 64]);
    expect(await exifr.parse(out.buffer, true)).toBeUndefined();
  });

  it('keeps PNG as PNG without metadata', async () => {
    const png = await sharp({ create: { width: 10, height: 7, channels: 4, background: '#336699' } })
      .png()
      .withExif({ IFD0: { Make: 'TestCam' } })
      .toBuffer();
    const out = await stripPhotoMetadata(png, 'image/png');
    expect(out).toMatchObject({ mime: 'image/png', width: 10, height: 7 });
    expect((await sharp(out.buffer).metadata()).exif).toBeUndefined();
  });

  it('refuses what is not a photo of the declared type', async () => {
    const jpeg = await photoWithGps();
    await expect(stripPhotoMetadata(jpeg, 'application/pdf')).rejects.toMatchObject({ code: 'unsupported_type' });
    await expect(stripPhotoMetadata(jpeg, 'image/png')).rejects.toMatchObject({ code: 'type_mismatch' });
    await expect(stripPhotoMetadata(Buffer.from('%PDF-1.4\n'), 'image/jpeg')).rejects.toBeInstanceOf(PhotoRejectedError);
    await expect(stripPhotoMetadata(Buffer.from('%PDF-1.4\n'), 'image/jpeg')).rejects.toMatchObject({ code: 'not_an_image' });
  });
});
