using System.Buffers.Binary;

namespace Perche.Core.Formats.Wav;

/// <summary>The <c>LIST/INFO</c> tags (INAM title, IART artist, ICOP copyright, ICMT comment, ICRD date, ISFT software...).</summary>
public static class InfoList
{
    /// <summary>Parses the body of an INFO list (after the "INFO" type) into tag → text, in file order.</summary>
    public static List<KeyValuePair<string, string>> Parse(ReadOnlySpan<byte> body, string inputName, long bodyOffset)
    {
        var list = new List<KeyValuePair<string, string>>();
        var pos = 0;
        while (pos + 8 <= body.Length)
        {
            var id = FourCC.Read(body[pos..]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(body[(pos + 4)..]);
            if (size > (uint)(body.Length - pos - 8))
            {
                throw PercheFormatException.AtByte(inputName, bodyOffset + pos, $"INFO tag '{id}' declares {size} bytes but only {body.Length - pos - 8} remain in the list");
            }

            list.Add(new(id.ToString(), TextCodec.DecodeZeroTerminated(body.Slice(pos + 8, (int)size))));
            pos += 8 + (int)size + (int)(size & 1);
        }

        return list;
    }
}
