using HfPipelines.Onnx;

namespace HfPipelines.Tasks;

/// <summary>The aggregation steps of transformers' <c>TokenClassificationPipeline</c>: words from sub-words
/// (first / average / max), then adjacent tokens or words of one type into entity groups (B-/I- aware), then
/// overlapping entities of stride windows.</summary>
internal static class EntityGrouping
{
    public static List<TokenGroup> AggregateWords(List<TokenGroup> tokens, AggregationStrategy strategy, Func<int, string> label, Func<List<TokenGroup>, string> join)
    {
        var words = new List<TokenGroup>();
        List<TokenGroup>? group = null;
        foreach (var token in tokens)
        {
            if (group is null)
            {
                group = [token];
            }
            else if (token.IsSubword)
            {
                group.Add(token);
            }
            else
            {
                words.Add(AggregateWord(group, strategy, label, join));
                group = [token];
            }
        }

        if (group is not null)
        {
            words.Add(AggregateWord(group, strategy, label, join));
        }

        return words;
    }

    public static List<TokenGroup> GroupEntities(List<TokenGroup> entities, Func<List<TokenGroup>, string> join)
    {
        var groups = new List<TokenGroup>();
        var current = new List<TokenGroup>();
        foreach (var entity in entities)
        {
            if (current.Count == 0)
            {
                current.Add(entity);
                continue;
            }

            var (bi, tag) = Tag(entity.Entity);
            var (_, lastTag) = Tag(current[^1].Entity);
            if (tag == lastTag && bi != "B")
            {
                current.Add(entity);
            }
            else
            {
                groups.Add(GroupSubEntities(current, join));
                current = [entity];
            }
        }

        if (current.Count > 0)
        {
            groups.Add(GroupSubEntities(current, join));
        }

        return groups;
    }

    public static List<TokenEntity> MergeOverlapping(List<TokenEntity> entities)
    {
        if (entities.Count == 0)
        {
            return entities;
        }

        var sorted = entities.OrderBy(e => e.Start).ToList();
        var merged = new List<TokenEntity>();
        var previous = sorted[0];
        foreach (var entity in sorted)
        {
            if (previous.Start <= entity.Start && entity.Start < previous.End)
            {
                var length = entity.End - entity.Start;
                var previousLength = previous.End - previous.Start;
                if (length > previousLength || (length == previousLength && entity.Score > previous.Score))
                {
                    previous = entity;
                }
            }
            else
            {
                merged.Add(previous);
                previous = entity;
            }
        }

        merged.Add(previous);
        return merged;
    }

    private static TokenGroup AggregateWord(List<TokenGroup> tokens, AggregationStrategy strategy, Func<int, string> label, Func<List<TokenGroup>, string> join)
    {
        float[] scores;
        if (strategy == AggregationStrategy.First)
        {
            scores = tokens[0].Scores;
        }
        else if (strategy == AggregationStrategy.Max)
        {
            scores = tokens.Aggregate((best, t) => t.Scores.Max() > best.Scores.Max() ? t : best).Scores;
        }
        else
        {
            scores = Enumerable.Range(0, tokens[0].Scores.Length).Select(i => (float)tokens.Average(t => t.Scores[i])).ToArray();
        }

        var index = EncoderMath.ArgMax(scores);
        return new TokenGroup
        {
            Entity = label(index),
            Score = scores[index],
            TokenIds = tokens.SelectMany(t => t.TokenIds).ToList(),
            Words = [join(tokens)],
            Start = tokens[0].Start,
            End = tokens[^1].End,
        };
    }

    private static TokenGroup GroupSubEntities(List<TokenGroup> entities, Func<List<TokenGroup>, string> join) => new()
    {
        Entity = entities[0].Entity.Split('-')[^1],
        Score = (float)entities.Average(e => e.Score),
        TokenIds = entities.SelectMany(e => e.TokenIds).ToList(),
        Words = [join(entities)],
        Start = entities[0].Start,
        End = entities[^1].End,
    };

    private static (string Bi, string Tag) Tag(string entity) =>
        entity.StartsWith("B-", StringComparison.Ordinal) ? ("B", entity[2..])
        : entity.StartsWith("I-", StringComparison.Ordinal) ? ("I", entity[2..])
        : ("I", entity);
}
