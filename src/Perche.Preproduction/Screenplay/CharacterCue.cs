using System.Globalization;
using System.Text;

namespace Perche.Preproduction.Screenplay;

/// <summary>How a line reaches the audience, which decides how it is recorded.</summary>
public enum Delivery
{
    /// <summary>The speaker is in the frame: sync sound on set.</summary>
    OnScreen,

    /// <summary>Heard from outside the frame but inside the scene: (O.S.), (O.C.), (OFF), (HC).</summary>
    OffScreen,

    /// <summary>Narration or inner voice not in the scene: (V.O.), voix off.</summary>
    VoiceOver,

    /// <summary>Heard through a phone, radio or speaker (filtered).</summary>
    Phone,
}

/// <summary>A character cue: the name and the extensions in parentheses, French or English.</summary>
public sealed class CharacterCue
{
    private CharacterCue(string name, IReadOnlyList<string> extensions, Delivery delivery, bool continued, bool dualMarker)
    {
        this.Name = name;
        this.Extensions = extensions;
        this.Delivery = delivery;
        this.IsContinued = continued;
        this.HasDualMarker = dualMarker;
    }

    /// <summary>The character's name, upper case, without extensions.</summary>
    public string Name { get; }

    /// <summary>The extensions as written, without parentheses (e.g. "V.O.", "CONT'D", "OFF").</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>How the line is heard.</summary>
    public Delivery Delivery { get; }

    /// <summary>(CONT'D), (SUITE): the same speaker continues after an interruption.</summary>
    public bool IsContinued { get; }

    /// <summary>The cue ended with the Fountain dual-dialogue caret.</summary>
    public bool HasDualMarker { get; }

    /// <summary>Parses a cue line such as <c>EDWARD (V.O.)(CONT'D)</c>, <c>MARIE (OFF)</c>, <c>@McDUCK</c> or <c>EVE ^</c>.</summary>
    public static CharacterCue Parse(string line)
    {
        var text = line.Trim();
        var dual = false;
        if (text.EndsWith('^'))
        {
            dual = true;
            text = text[..^1].TrimEnd();
        }

        if (text.StartsWith('@'))
        {
            text = text[1..];
        }

        var extensions = new List<string>();
        var name = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '(')
            {
                var close = text.IndexOf(')', i + 1);
                if (close < 0)
                {
                    close = text.Length;
                }

                var ext = text[(i + 1)..close].Trim();
                if (ext.Length > 0)
                {
                    extensions.Add(ext);
                }

                i = close + 1;
            }
            else
            {
                name.Append(text[i]);
                i++;
            }
        }

        var delivery = Delivery.OnScreen;
        var continued = false;
        foreach (var ext in extensions)
        {
            var key = Normalise(ext);
            if (key is "CONTD" or "CONT" or "CONTINUED" or "SUITE" or "CONTINUING")
            {
                continued = true;
            }
            else if (key is "VO" or "VOIXOFF" or "VOICEOVER" or "NARRATEUR" or "NARRATOR")
            {
                delivery = Delivery.VoiceOver;
            }
            else if (key is "OS" or "OC" or "OFF" or "HC" or "HORSCHAMP" or "OFFSCREEN" or "OFFCAMERA")
            {
                delivery = delivery == Delivery.VoiceOver ? delivery : Delivery.OffScreen;
            }
            else if (key is "PHONE" or "ONPHONE" or "TEL" or "TELEPHONE" or "AUTELEPHONE" or "FILTERED" or "FILTRE" or "RADIO" or "INTERCOM" or "INTERPHONE" or "HAUTPARLEUR" or "SPEAKER" or "ONTHEPHONE" or "OVERPHONE" or "TALKIEWALKIE")
            {
                delivery = Delivery.Phone;
            }
        }

        return new CharacterCue(CollapseSpaces(name.ToString()), extensions, delivery, continued, dual);
    }

    /// <summary>Upper case, letters only, accents removed: "cont'd" and "CONT’D" both give "CONTD".</summary>
    internal static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in TextFold.Upper(text))
        {
            if (char.IsLetter(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string CollapseSpaces(string text)
    {
        var parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', parts).ToUpper(CultureInfo.InvariantCulture);
    }
}
