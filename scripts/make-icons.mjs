// Draws the add-in's funnel icon at 16, 32, 64 and 80 px into assets/ (run once; the PNGs are committed).
// Plain RGBA drawing with 4×4 supersampling, encoded as PNG with Node's zlib: no image library needed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x1f, 0x6f, 0xc5];
const GREEN = [0x2e, 0x9e, 0x5b];

/** Coverage of the funnel at (x, y) in unit coordinates: three bands narrowing downwards, then the spout. */
function shade(x, y) {
  const bands = [
    [0.1, 0.3, 0.92, 0.78],
    [0.34, 0.54, 0.74, 0.58],
    [0.58, 0.74, 0.54, 0.4],
  ];
  for (const [top, bottom, wTop, wBottom] of bands) {
    if (y >= top && y <= bottom) {
      const w = wTop + ((wBottom - wTop) * (y - top)) / (bottom - top);
      if (Math.abs(x - 0.5) <= w / 2) return BLUE;
    }
  }
  if (y > 0.78 && y <= 0.92 && Math.abs(x - 0.5) <= 0.1) return GREEN;
  return null;
}

function draw(size) {
  const px = Buffer.alloc(size * size * 4);
  const ss = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((i + (sx + 0.5) / ss) / size, (j + (sy + 0.5) / ss) / size);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a++;
          }
        }
      }
      const o = (j * size + i) * 4;
      if (a > 0) {
        px[o] = r / a;
        px[o + 1] = g / a;
        px[o + 2] = b / a;
        px[o + 3] = (255 * a) / (ss * ss);
      }
    }
  }
  return png(size, size, px);
}

function png(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

for (const size of [16, 32, 64, 80]) writeFileSync(new URL(`../assets/icon-${size}.png`, import.meta.url), draw(size));
