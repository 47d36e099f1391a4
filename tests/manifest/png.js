// Reads the size of a PNG from its IHDR chunk and, for 8-bit RGBA or grey+alpha images without
// interlacing, decodes the pixels (inflate the joined IDAT chunks, undo each scanline's filter).
"use strict";

const zlib = require("zlib");

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function readPng(bytes) {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(SIGNATURE)) {
    throw new Error("missing PNG signature");
  }
  let offset = 8;
  let header;
  const idat = [];
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      header = {
        width: data.readUInt32BE(0),
        height: data.readUInt32BE(4),
        bitDepth: data[8],
        colorType: data[9],
        interlace: data[12],
      };
    } else if (type === "IDAT") {
      idat.push(data);
    } else if (type === "IEND") {
      break;
    }
    offset += 12 + length;
  }
  if (!header) throw new Error("missing IHDR chunk");

  const channels = { 6: 4, 4: 2 }[header.colorType];
  if (header.bitDepth !== 8 || channels === undefined || header.interlace !== 0) {
    return { ...header, pixels: undefined, reason: `bit depth ${header.bitDepth}, colour type ${header.colorType}, interlace ${header.interlace}` };
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = header.width * channels;
  const rows = unfilter(raw, header.height, stride, channels);

  const pixels = new Uint8Array(header.width * header.height * 4);
  for (let y = 0; y < header.height; y++) {
    for (let x = 0; x < header.width; x++) {
      const source = y * stride + x * channels;
      const target = (y * header.width + x) * 4;
      if (channels === 4) {
        pixels.set(rows.subarray(source, source + 4), target);
      } else {
        pixels[target] = pixels[target + 1] = pixels[target + 2] = rows[source];
        pixels[target + 3] = rows[source + 1];
      }
    }
  }
  return { ...header, pixels };
}

function unfilter(raw, height, stride, bytesPerPixel) {
  if (raw.length < height * (stride + 1)) throw new Error("image data is shorter than its size says");
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    const previous = row - stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= bytesPerPixel ? out[row + i - bytesPerPixel] : 0;
      const up = y > 0 ? out[previous + i] : 0;
      const upLeft = y > 0 && i >= bytesPerPixel ? out[previous + i - bytesPerPixel] : 0;
      let predictor;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = left; break;
        case 2: predictor = up; break;
        case 3: predictor = (left + up) >> 1; break;
        case 4: predictor = paeth(left, up, upLeft); break;
        default: throw new Error(`unknown scanline filter ${filter}`);
      }
      out[row + i] = (line[i] + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

module.exports = { readPng };
