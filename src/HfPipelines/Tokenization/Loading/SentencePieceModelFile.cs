using System.Text;

namespace HfPipelines.Tokenization.Loading;

/// <summary>The parts of a SentencePiece model file (<c>*.spm</c>, <c>spiece.model</c>, <c>tokenizer.model</c>) that a
/// tokenizer needs, read from its protobuf without a protobuf library.</summary>
internal sealed class SentencePieceModelFile
{
    /// <summary>Piece types of <c>sentencepiece_model.proto</c>.</summary>
    public enum PieceType
    {
        Normal = 1,
        Unknown = 2,
        Control = 3,
        UserDefined = 4,
        Unused = 5,
        Byte = 6,
    }

    public List<(string Piece, float Score, PieceType Type)> Pieces { get; } = [];

    /// <summary>1: Unigram, 2: BPE, 3: word, 4: char.</summary>
    public int ModelType { get; private set; } = 1;

    public bool ByteFallback { get; private set; }

    public int UnkId { get; private set; }

    public string NormalizerName { get; private set; } = "nmt_nfkc";

    public bool AddDummyPrefix { get; private set; } = true;

    /// <summary>The compiled normalization rules (empty when none).</summary>
    public byte[] PrecompiledCharsmap { get; private set; } = [];

    public bool RemoveExtraWhitespaces { get; private set; } = true;

    public static SentencePieceModelFile Read(string path)
    {
        var file = new SentencePieceModelFile();
        try
        {
            var reader = new ProtoReader(File.ReadAllBytes(path));
            while (reader.Next(out var field, out var wire))
            {
                switch (field)
                {
                    case 1 when wire == 2: file.ReadPiece(reader.Message()); break;
                    case 2 when wire == 2: file.ReadTrainer(reader.Message()); break;
                    case 3 when wire == 2: file.ReadNormalizer(reader.Message()); break;
                    default: reader.Skip(wire); break;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new TokenizerLoadException($"Cannot load SentencePiece model '{path}': it is not a valid model protobuf ({e.Message}). Download the file again.", e);
        }

        if (file.Pieces.Count == 0)
        {
            throw TokenizerLoadException.ForField(path, "pieces", "is empty");
        }

        return file;
    }

    private void ReadPiece(ProtoReader r)
    {
        string piece = string.Empty;
        float score = 0;
        var type = PieceType.Normal;
        while (r.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2: piece = Encoding.UTF8.GetString(r.Bytes()); break;
                case 2 when wire == 5: score = r.Float(); break;
                case 3 when wire == 0: type = (PieceType)(int)r.Varint(); break;
                default: r.Skip(wire); break;
            }
        }

        Pieces.Add((piece, score, type));
    }

    private void ReadTrainer(ProtoReader r)
    {
        while (r.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 3 when wire == 0: ModelType = (int)r.Varint(); break;
                case 35 when wire == 0: ByteFallback = r.Varint() != 0; break;
                case 40 when wire == 0: UnkId = (int)r.Varint(); break;
                default: r.Skip(wire); break;
            }
        }
    }

    private void ReadNormalizer(ProtoReader r)
    {
        while (r.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2: NormalizerName = Encoding.UTF8.GetString(r.Bytes()); break;
                case 2 when wire == 2: PrecompiledCharsmap = r.Bytes(); break;
                case 3 when wire == 0: AddDummyPrefix = r.Varint() != 0; break;
                case 4 when wire == 0: RemoveExtraWhitespaces = r.Varint() != 0; break;
                default: r.Skip(wire); break;
            }
        }
    }

    /// <summary>A minimal protobuf wire-format reader.</summary>
    private sealed class ProtoReader(byte[] data, int start = 0, int end = -1)
    {
        private readonly int _end = end < 0 ? data.Length : end;
        private int _position = start;

        public bool Next(out int field, out int wire)
        {
            field = wire = 0;
            if (_position >= _end)
            {
                return false;
            }

            var key = Varint();
            field = (int)(key >> 3);
            wire = (int)(key & 7);
            return true;
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_position >= _end)
                {
                    throw new InvalidDataException("truncated varint");
                }

                var b = data[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("varint too long");
        }

        public float Float()
        {
            Check(4);
            var value = BitConverter.ToSingle(data, _position);
            _position += 4;
            return value;
        }

        public byte[] Bytes()
        {
            var length = Length();
            var result = data.AsSpan(_position, length).ToArray();
            _position += length;
            return result;
        }

        public ProtoReader Message()
        {
            var length = Length();
            var reader = new ProtoReader(data, _position, _position + length);
            _position += length;
            return reader;
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0: Varint(); break;
                case 1: Check(8); _position += 8; break;
                case 2:
                    var length = Length();
                    _position += length;
                    break;
                case 5: Check(4); _position += 4; break;
                default: throw new InvalidDataException($"unknown wire type {wire}");
            }
        }

        private int Length()
        {
            var length = Varint();
            if (length > (ulong)(_end - _position))
            {
                throw new InvalidDataException("length past the end");
            }

            return (int)length;
        }

        private void Check(int count)
        {
            if (_position + count > _end)
            {
                throw new InvalidDataException("truncated field");
            }
        }
    }
}
