using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PestProtocol.Bot.Tests.Manifest;

/// <summary>
/// A decoded PNG as the tests need it: size from the IHDR chunk and, for 8-bit RGBA without
/// interlacing, the pixels (IDAT chunks joined, inflated, scanline filters undone).
/// </summary>
internal sealed record PngImage(int Width, int Height, int BitDepth, int ColorType, byte[]? Rgba)
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static PngImage Read(byte[] bytes)
    {
        if (bytes.Length < 33 || !bytes.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a PNG file.");
        }

        int width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0;
        using var imageData = new MemoryStream();
        var offset = 8;
        while (offset + 8 <= bytes.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset, 4));
            var type = Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = (int)BinaryPrimitives.ReadUInt32BigEndian(data[..4]);
                height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..8]);
                bitDepth = data[8];
                colorType = data[9];
                interlace = data[12];
            }
            else if (type == "IDAT")
            {
                imageData.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }
            offset += 12 + length;
        }

        if (bitDepth != 8 || colorType != 6 || interlace != 0)
        {
            return new PngImage(width, height, bitDepth, colorType, null);
        }

        imageData.Position = 0;
        using var inflater = new ZLibStream(imageData, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        return new PngImage(width, height, bitDepth, colorType, Unfilter(raw.ToArray(), width, height));
    }

    /// <summary>The (r, g, b, a) of one pixel.</summary>
    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var rgba = Rgba ?? throw new InvalidOperationException("Only 8-bit RGBA images are decoded.");
        var i = ((y * Width) + x) * 4;
        return (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]);
    }

    private static byte[] Unfilter(byte[] raw, int width, int height)
    {
        const int BytesPerPixel = 4;
        var stride = width * BytesPerPixel;
        if (raw.Length < height * (stride + 1))
        {
            throw new InvalidDataException("Image data is shorter than the image size says.");
        }

        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = y * (stride + 1) + 1;
            var row = y * stride;
            for (var i = 0; i < stride; i++)
            {
                int left = i >= BytesPerPixel ? pixels[row + i - BytesPerPixel] : 0;
                int up = y > 0 ? pixels[row - stride + i] : 0;
                int upLeft = y > 0 && i >= BytesPerPixel ? pixels[row - stride + i - BytesPerPixel] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Unknown scanline filter {filter}."),
                };
                pixels[row + i] = (byte)(raw[line + i] + predictor);
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
