using System.Runtime.InteropServices;
using HfPipelines.Generation;
using LLama.Native;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// Checks a GBNF grammar with llama.cpp's own parser before LLamaSharp sees it: LLamaSharp adds a grammar
/// sampler without checking the native result, and a grammar llama.cpp refuses (syntax error, unknown
/// root or rule, a repetition too large) then crashes the process. Calls the exports of the llama library
/// LLamaSharp already loaded, through function pointers. Thread-safe.
/// </summary>
internal static unsafe class LlamaGrammarValidator
{
    public static void Validate(SafeLlamaModelHandle model, string grammar, string root)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(grammar);
        if (grammar.Contains('\0', StringComparison.Ordinal) || root.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidGrammarException("The grammar contains a NUL character; remove it.");
        }

        var library = LoadLlamaLibrary();
        var added = false;
        try
        {
            model.DangerousAddRef(ref added);
            var getVocab = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)NativeLibrary.GetExport(library, "llama_model_get_vocab");
            var init = (delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, IntPtr>)NativeLibrary.GetExport(library, "llama_sampler_init_grammar");
            var free = (delegate* unmanaged[Cdecl]<IntPtr, void>)NativeLibrary.GetExport(library, "llama_sampler_free");
            var vocab = getVocab(model.DangerousGetHandle());
            var grammarPtr = Marshal.StringToCoTaskMemUTF8(grammar);
            var rootPtr = Marshal.StringToCoTaskMemUTF8(root);
            try
            {
                var sampler = init(vocab, (byte*)grammarPtr, (byte*)rootPtr);
                if (sampler == IntPtr.Zero)
                {
                    throw new InvalidGrammarException($"llama.cpp refused the grammar (root rule '{root}'): check its syntax, that every rule it uses is defined, that '{root}' exists, and that repetitions are small. llama.cpp's log above names the problem.");
                }

                free(sampler);
            }
            finally
            {
                Marshal.FreeCoTaskMem(grammarPtr);
                Marshal.FreeCoTaskMem(rootPtr);
            }
        }
        finally
        {
            if (added)
            {
                model.DangerousRelease();
            }

            NativeLibrary.Free(library);
        }
    }

    /// <summary>The llama library already loaded by LLamaSharp (the loader returns the loaded one by its soname).</summary>
    private static IntPtr LoadLlamaLibrary()
    {
        var name = OperatingSystem.IsWindows() ? "llama.dll" : OperatingSystem.IsMacOS() ? "libllama.dylib" : "libllama.so";
        return NativeLibrary.TryLoad(name, out var handle)
            ? handle
            : throw new InvalidGrammarException($"Cannot check the grammar: the llama.cpp library '{name}' is not loaded. Load a model first.");
    }
}
