using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Breakdown;

/// <summary>Options of a breakdown run.</summary>
public sealed class BreakdownOptions
{
    /// <summary>Force the lexicon language (default: the screenplay's detected language).</summary>
    public ScriptLanguage? Language { get; init; }

    /// <summary>Items under this confidence are kept for review but not listed (default 0.5).</summary>
    public double MinimumConfidence { get; init; } = 0.5;
}

/// <summary>
/// Lists the sounds of each scene: dialogue per speaking character, ambience and room tone from the heading,
/// hard effects, Foley and music from the action (lexicon words with their inflections, CAPITALISED words,
/// onomatopoeia, implied sounds), then classifies each item (category × acquisition, with the rule's reason)
/// and plans the microphones. Pure and deterministic: the same script gives the same items and keys.
/// </summary>
public static class BreakdownEngine
{
    /// <summary>Breaks a screenplay down.</summary>
    public static SoundBreakdown Run(Screenplay.Screenplay script, BreakdownOptions? options = null)
    {
        options ??= new BreakdownOptions();
        var language = options.Language ?? script.Language;
        var lexicon = Lexicon.For(language);
        var characterWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in script.Characters)
        {
            foreach (var t in Tokenizer.Tokenize(name))
            {
                characterWords.Add(t.Folded);
            }
        }

        var scenes = new List<SceneBreakdown>(script.Scenes.Count);
        foreach (var scene in script.Scenes)
        {
            scenes.Add(new SceneRun(scene, language, lexicon, characterWords).Run());
        }

        return new SoundBreakdown(script, language, scenes, options.MinimumConfidence);
    }

    private sealed class SceneRun(Scene scene, ScriptLanguage language, Lexicon lexicon, HashSet<string> characterWords)
    {
        private readonly Dictionary<string, SoundItem> items = new(StringComparer.Ordinal);
        private readonly bool fr = language == ScriptLanguage.French;

        public SceneBreakdown Run()
        {
            var placeAmbience = this.FromHeading();
            var carScene = placeAmbience == "car";
            this.FromDialogue();
            for (var i = 0; i < scene.Elements.Count; i++)
            {
                var e = scene.Elements[i];
                if (e.Kind is ElementKind.Action or ElementKind.Parenthetical)
                {
                    this.FromText(e, i);
                }
                else if (e.Kind == ElementKind.Lyrics)
                {
                    this.Add("song", SoundCategory.Playback, this.fr ? "chanson (playback)" : "song (playback)", 0.9, new Evidence(EvidenceSource.Lexicon, e.Text, e.Line, i, 0, e.Text.Length), "lyrics");
                }
            }

            this.MergeSourceMusic();
            this.MergeEngineIntoVehicle();
            carScene |= this.items.TryGetValue("car-engine", out var engine) && engine.Confidence >= 0.5 && scene.Heading.Setting != Setting.Exterior && placeAmbience is "car";
            this.SetSurfaces();
            this.SetAdrRisk(carScene);
            var list = this.items.Values.ToList();
            foreach (var item in list)
            {
                AcquisitionRules.Apply(item, scene, language, carScene);
            }

            list.Sort(Compare);
            return new SceneBreakdown(scene, list, this.PlanMics(carScene), carScene);
        }

        private static int Compare(SoundItem a, SoundItem b)
        {
            var c = a.Category.CompareTo(b.Category);
            return c != 0 ? c : string.CompareOrdinal(a.Key, b.Key);
        }

        private void Add(string key, SoundCategory category, string label, double confidence, Evidence evidence, string detection)
        {
            if (!this.items.TryGetValue(key, out var item))
            {
                item = new SoundItem(scene.Number, category, key, label) { Confidence = confidence, Detection = detection };
                this.items[key] = item;
            }
            else
            {
                if (confidence > item.Confidence)
                {
                    item.Confidence = confidence;
                    item.Label = label;
                }

                if (!item.Detection.Contains(detection, StringComparison.Ordinal))
                {
                    item.Detection += "; " + detection;
                }
            }

            // Several mentions of a weak word add up: a dog named in three lines is probably heard.
            if (item.Evidence.Count >= 1 && item.Confidence < 0.75 && evidence.Source != EvidenceSource.Heading)
            {
                item.Confidence = Math.Min(0.75, item.Confidence + 0.1);
            }

            item.Evidence.Add(evidence);
        }

        private string? FromHeading()
        {
            var h = scene.Heading;
            if (scene.IsOpening && h.Text.Length == 0)
            {
                return null;
            }

            var heading = new Evidence(EvidenceSource.Heading, h.Text, scene.Line, -1, 0, h.Text.Length);
            // The last place word wins: in "PHARE - CUISINE" the camera is in the kitchen. Two-word places
            // ("gas station") are tried before single words.
            string? ambience = null;
            var placeTokens = Tokenizer.Tokenize(h.Place);
            for (var t = 0; t < placeTokens.Count; t++)
            {
                var bigram = t + 1 < placeTokens.Count ? placeTokens[t].Folded + " " + placeTokens[t + 1].Folded : null;
                string? found = null;
                foreach (var (word, amb) in Vocabulary.Places)
                {
                    if (word == bigram)
                    {
                        found = amb;
                        t++;
                        break;
                    }

                    if (found is null && word == placeTokens[t].Folded)
                    {
                        found = amb;
                    }
                }

                ambience = found ?? ambience;
            }

            // "(MOVING)", "(EN MOUVEMENT)", "DRIVING" in a heading put the scene in a moving vehicle.
            var foldedHeading = Lexicon.Fold(h.Text);
            if (foldedHeading.Contains("moving", StringComparison.Ordinal) || foldedHeading.Contains("en mouvement", StringComparison.Ordinal)
                || foldedHeading.Contains("driving", StringComparison.Ordinal) || foldedHeading.Contains("en roulant", StringComparison.Ordinal))
            {
                ambience = "car";
            }

            var setting = h.Setting switch
            {
                Setting.Interior => "INT",
                Setting.Exterior => "EXT",
                Setting.InteriorExterior => "INT/EXT",
                _ => string.Empty,
            };
            var time = h.TimeOfDayText.Length > 0 ? ", " + h.TimeOfDayText.ToLowerInvariant() : string.Empty;
            var place = h.Place.Length > 0 ? h.Place : (this.fr ? "lieu" : "place");
            var generic = h.Setting == Setting.Interior ? "interior" : "exterior";
            if (h.Text.Length > 0)
            {
                this.Add(
                    "ambience:" + (ambience ?? generic),
                    SoundCategory.Ambience,
                    (this.fr ? "Ambiance " : "Ambience ") + place + (setting.Length > 0 ? $" ({setting}{time})" : string.Empty),
                    ambience is null ? 0.8 : 0.95,
                    heading,
                    this.fr ? "en-tête de séquence" : "scene heading");
            }

            if (ambience == "bar")
            {
                this.Add("walla", SoundCategory.Dialogue, this.fr ? "brouhaha des clients" : "patrons walla", 0.7, heading, this.fr ? "lieu public" : "public place");
            }

            if (ambience == "car")
            {
                this.Add("car-engine", SoundCategory.HardEffect, this.fr ? "moteur du véhicule" : "vehicle engine", 0.75, heading, this.fr ? "lieu : véhicule" : "place: vehicle");
            }

            var interior = h.Setting is Setting.Interior or Setting.InteriorExterior || (h.Setting == Setting.Unknown && scene.Speakers.Count > 0);
            if (interior && h.Text.Length > 0 && ambience != "car")
            {
                this.Add("room-tone", SoundCategory.RoomTone, (this.fr ? "Ambiance plateau " : "Room tone ") + place, 0.9, heading, this.fr ? "intérieur" : "interior");
            }

            switch (h.Weather)
            {
                case Weather.Rain:
                    this.Add("rain", SoundCategory.Ambience, h.Setting == Setting.Interior ? (this.fr ? "pluie sur les vitres et le toit" : "rain on windows and roof") : (this.fr ? "pluie" : "rain"), 0.9, heading, this.fr ? "météo de l'en-tête" : "heading weather");
                    break;
                case Weather.Storm:
                    this.Add("storm", SoundCategory.Ambience, this.fr ? "orage" : "storm", 0.9, heading, this.fr ? "météo de l'en-tête" : "heading weather");
                    this.Add("thunder", SoundCategory.HardEffect, this.fr ? "tonnerre" : "thunder", 0.7, heading, this.fr ? "orage dans l'en-tête" : "storm in heading");
                    break;
                case Weather.Wind:
                    this.Add("wind", SoundCategory.Ambience, this.fr ? "vent" : "wind", 0.9, heading, this.fr ? "météo de l'en-tête" : "heading weather");
                    break;
            }

            return ambience;
        }

        private void FromDialogue()
        {
            CharacterCue? cue = null;
            var cueIndex = -1;
            var phone = false;
            for (var i = 0; i < scene.Elements.Count; i++)
            {
                var e = scene.Elements[i];
                switch (e.Kind)
                {
                    case ElementKind.Character:
                        cue = e.Cue;
                        cueIndex = i;
                        phone = false;
                        break;
                    case ElementKind.Parenthetical when cue is not null:
                        var folded = Lexicon.Fold(e.Text);
                        foreach (var w in Vocabulary.PhoneWords)
                        {
                            phone |= Tokenizer.Tokenize(folded).Any(t => t.Folded == w);
                        }

                        break;
                    case ElementKind.Dialogue or ElementKind.Lyrics when cue is not null:
                        var delivery = phone && cue.Delivery != Delivery.VoiceOver ? Delivery.Phone : cue.Delivery;
                        var (prefix, category, what) = delivery switch
                        {
                            Delivery.VoiceOver => ("vo:", SoundCategory.VoiceOver, this.fr ? "voix off" : "voice-over"),
                            Delivery.OffScreen => ("dialogue-off:", SoundCategory.Dialogue, this.fr ? "hors champ" : "off screen"),
                            Delivery.Phone => ("phone:", SoundCategory.Dialogue, this.fr ? "au téléphone" : "on the phone"),
                            _ => ("dialogue:", SoundCategory.Dialogue, this.fr ? "à l'image" : "on screen"),
                        };
                        var cueElement = scene.Elements[cueIndex];
                        this.Add(prefix + cue.Name, category, $"{cue.Name} ({what})", 1.0, new Evidence(EvidenceSource.Cue, cueElement.Text, cueElement.Line, cueIndex, 0, cueElement.Text.Length), this.fr ? "réplique" : "dialogue cue");
                        var item = this.items[prefix + cue.Name];
                        item.Delivery = delivery;
                        item.Character = cue.Name;
                        item.IsOnScreen |= cue.Delivery is Delivery.OnScreen;
                        break;
                    case ElementKind.Action or ElementKind.SceneHeading or ElementKind.Transition:
                        cue = null;
                        break;
                }
            }

            // A character on the phone in a scene is on the phone for the whole call: one item, not two.
            foreach (var key in this.items.Keys.Where(k => k.StartsWith("phone:", StringComparison.Ordinal)).ToList())
            {
                var onScreen = "dialogue:" + key["phone:".Length..];
                if (this.items.Remove(onScreen, out var merged))
                {
                    this.items[key].Evidence.AddRange(merged.Evidence);
                    this.items[key].IsOnScreen |= merged.IsOnScreen;
                }
            }
        }

        private void FromText(ScriptElement e, int index)
        {
            var text = e.Text;
            var tokens = Tokenizer.Tokenize(text);
            var allCaps = tokens.Count > 0 && tokens.All(t => t.IsCapitalised || t.Folded.Length < 2 || char.IsDigit(t.Folded[0]));
            for (var i = 0; i < tokens.Count;)
            {
                var (entry, length) = lexicon.Match(tokens, i);

                // "(au téléphone)" says how a line is heard (handled with the dialogue), not that a phone sounds.
                if (entry is not null && e.Kind == ElementKind.Parenthetical && entry.Key == "phone")
                {
                    i += length;
                    continue;
                }

                // "Le vent hurle", "gulls cry": a cry whose subject is not a person is not an actor's effort.
                if (entry is not null && entry.Key == "efforts" && HasNonHumanSubject(tokens, i))
                {
                    i += length;
                    continue;
                }

                if (entry is not null)
                {
                    var first = tokens[i];
                    var last = tokens[i + length - 1];
                    var span = text.Substring(first.Start, last.Start + last.Length - first.Start);
                    var capitalised = !allCaps && tokens.Skip(i).Take(length).Any(t => t.IsCapitalised);
                    var confidence = entry.Implied ? (entry.Weak ? 0.4 : 0.55) : entry.Weak ? 0.4 : 0.75;
                    if (capitalised)
                    {
                        confidence = Math.Max(confidence + 0.3, 0.85);
                    }

                    var source = capitalised ? EvidenceSource.Capitalised : entry.Implied ? EvidenceSource.Implied : EvidenceSource.Lexicon;
                    var detection = (capitalised ? (this.fr ? "majuscules : '" : "capitalised: '") : entry.Implied ? (this.fr ? "implicite : '" : "implied by '") : (this.fr ? "lexique : '" : "lexicon: '")) + span + "'";
                    this.Add(entry.Key, entry.Category, entry.Label, Math.Min(1.0, confidence), new Evidence(source, span, e.Line, index, first.Start, span.Length), detection);
                    i += length;
                    continue;
                }

                var token = tokens[i];
                if (Vocabulary.Onomatopoeia.TryGetValue(token.Folded, out var ono))
                {
                    var exclaimed = token.Start + token.Length < text.Length && text[token.Start + token.Length] == '!';
                    if (!Vocabulary.AmbiguousOnomatopoeia.Contains(token.Folded) || token.IsCapitalised || exclaimed)
                    {
                        var span = text.Substring(token.Start, token.Length);
                        this.Add(ono.Key, ono.Category, span.ToUpperInvariant(), 0.85, new Evidence(EvidenceSource.Onomatopoeia, span, e.Line, index, token.Start, token.Length), (this.fr ? "onomatopée : '" : "onomatopoeia: '") + span + "'");
                        i++;
                        continue;
                    }
                }

                // A capitalised word that is not a name, not furniture and not in the lexicon may still be a
                // sound the writer flagged: listed for review, below the default threshold.
                if (token.IsCapitalised && !allCaps && e.Kind == ElementKind.Action && token.Folded.Length >= 3
                    && !characterWords.Contains(token.Folded) && !Vocabulary.NotSounds.Contains(token.Folded) && !char.IsDigit(token.Folded[0]))
                {
                    var span = text.Substring(token.Start, token.Length);
                    this.Add("caps:" + token.Folded, SoundCategory.HardEffect, span, 0.3, new Evidence(EvidenceSource.Capitalised, span, e.Line, index, token.Start, token.Length), (this.fr ? "majuscules hors lexique : '" : "capitalised, not in the lexicon: '") + span + "'");
                }

                i++;
            }
        }

        // "The radio plays a song", "le juke-box joue du rock": the music is the radio's, not a separate item.
        private void MergeSourceMusic()
        {
            var source = this.items.TryGetValue("radio", out var radio) ? radio : this.items.TryGetValue("tv", out var tv) ? tv : null;
            if (source is null)
            {
                return;
            }

            foreach (var key in new[] { "music", "song" })
            {
                if (this.items.TryGetValue(key, out var music) && !music.Detection.Contains("lyrics", StringComparison.Ordinal))
                {
                    this.items.Remove(key);
                    source.Evidence.AddRange(music.Evidence);
                    source.Confidence = Math.Max(source.Confidence, music.Confidence);
                }
            }
        }

        // "Le moteur du bateau démarre": engine words belong to the vehicle named in the scene, not to a car.
        private void MergeEngineIntoVehicle()
        {
            if (!this.items.TryGetValue("car-engine", out var engine) || engine.Evidence.Any(ev => ev.Source == EvidenceSource.Heading))
            {
                return;
            }

            foreach (var vehicle in new[] { "boat", "motorbike", "truck", "train", "plane", "helicopter" })
            {
                if (this.items.TryGetValue(vehicle, out var v))
                {
                    this.items.Remove("car-engine");
                    v.Evidence.AddRange(engine.Evidence);
                    v.Confidence = Math.Max(v.Confidence, engine.Confidence);
                    return;
                }
            }
        }

        private static bool HasNonHumanSubject(List<Token> tokens, int index)
        {
            for (var k = Math.Max(0, index - 3); k < index; k++)
            {
                if (Vocabulary.NonHumanSubjects.Contains(tokens[k].Folded))
                {
                    return true;
                }
            }

            return false;
        }

        private void SetSurfaces()
        {
            if (!this.items.TryGetValue("footsteps", out var steps))
            {
                return;
            }

            var words = new List<Token>(Tokenizer.Tokenize(scene.Heading.Place));
            foreach (var e in scene.Elements)
            {
                if (e.Kind == ElementKind.Action)
                {
                    words.AddRange(Tokenizer.Tokenize(e.Text));
                }
            }

            var surfaces = new List<string>();
            foreach (var t in words)
            {
                foreach (var (word, surface) in Vocabulary.Surfaces)
                {
                    if (t.Folded == word && !surfaces.Contains(surface))
                    {
                        surfaces.Add(surface);
                    }
                }
            }

            if (surfaces.Count > 0)
            {
                steps.Surface = string.Join(", ", surfaces);
            }
        }

        private void SetAdrRisk(bool carScene)
        {
            var h = scene.Heading;
            var exterior = h.Setting is Setting.Exterior or Setting.InteriorExterior;
            var noisyWeather = exterior && h.Weather is Weather.Rain or Weather.Storm or Weather.Wind;
            var noisyEffects = this.items.Keys.Any(k => k is "helicopter" or "plane" or "siren" or "storm" or "rain" or "alarm") && exterior;
            if (!(carScene || noisyWeather || noisyEffects))
            {
                return;
            }

            foreach (var item in this.items.Values)
            {
                if (item.Category == SoundCategory.Dialogue && item.Delivery is Delivery.OnScreen or Delivery.OffScreen or Delivery.Phone)
                {
                    item.AdrRisk = true;
                }
            }
        }

        private MicPlan PlanMics(bool carScene)
        {
            var onScreen = this.items.Values.Where(i => i.IsOnScreen && i.Character is not null && i.Confidence >= 0.5)
                .Select(i => i.Character!).Distinct(StringComparer.Ordinal).ToList();
            var syncSound = this.items.Values.Any(i => i.Category == SoundCategory.Dialogue && i.Delivery is not null) || this.items.ContainsKey("efforts") || this.items.ContainsKey("song");
            var notes = new List<string>();
            if (carScene)
            {
                notes.Add(this.fr ? "véhicule : deux micros plantés (pare-soleil, plage arrière), HF sur chaque comédien, pas de perche en roulant" : "vehicle: two plant mics (visor, rear shelf), wireless on each actor, no boom while driving");
            }

            if (onScreen.Count >= 4)
            {
                notes.Add(this.fr ? "4 personnages ou plus : deuxième perche conseillée" : "4 or more speakers: a second boom is advised");
            }

            var exterior = scene.Heading.Setting is Setting.Exterior or Setting.InteriorExterior;
            return new MicPlan
            {
                Booms = !syncSound ? 0 : onScreen.Count >= 4 ? 2 : 1,
                Wireless = onScreen,
                PlantMics = carScene ? 2 : 0,
                StereoPair = exterior,
                Notes = notes,
            };
        }
    }
}
