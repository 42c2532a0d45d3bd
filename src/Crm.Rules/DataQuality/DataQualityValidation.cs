using Crm.Rules.Configuration;

namespace Crm.Rules.DataQuality;

/// <summary>The validation rules of <see cref="DataQualityOptions"/>.</summary>
internal static class DataQualityValidation
{
    public static void Validate(DataQualityOptions options, string path, ErrorCollector errors)
    {
        var id = options.CustomerId;
        if (id is null)
        {
            errors.Add($"{path}.customerId", "is required");
        }
        else
        {
            if (id.IndustryLetters is < 1 or > 6)
            {
                errors.Add($"{path}.customerId.industryLetters", $"must be between 1 and 6; got {id.IndustryLetters}");
            }

            if (id.SequenceDigits is < 1 or > 9)
            {
                errors.Add($"{path}.customerId.sequenceDigits", $"must be between 1 and 9; got {id.SequenceDigits}");
            }

            for (var i = 0; i < (id.Industries?.Count ?? 0); i++)
            {
                // A plain local, not `is not { } industry ||`: Stryker cannot compile mutants of such a condition (CS0165).
                var industry = id.Industries![i];
                if (industry is null || industry.Length != id.IndustryLetters || !industry.All(char.IsAsciiLetterUpper))
                {
                    errors.Add($"{path}.customerId.industries[{i}]", $"'{industry}' is not {id.IndustryLetters} capital letters");
                }
            }
        }

        if (options.KeyFields is null || options.KeyFields.Count == 0 || options.KeyFields.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{path}.keyFields", "must list at least one field name, without empty names");
        }
        else
        {
            for (var i = 0; i < options.KeyFields.Count; i++)
            {
                // Completeness counts the records missing each key field by name: a repeated name has no count of its own.
                if (options.KeyFields.IndexOf(options.KeyFields[i]) < i)
                {
                    errors.Add($"{path}.keyFields[{i}]", $"'{options.KeyFields[i]}' is listed twice");
                }
            }
        }

        ValidatePersonalFields(options.PersonalFields, $"{path}.personalFields", errors);
        if (options.PersonalMask is not { KeepStart: >= 0, Mask.Length: > 0 })
        {
            errors.Add($"{path}.personalMask", "keepStart must not be negative and mask must not be empty");
        }

        var phone = options.PhoneMask;
        if (phone is not { KeepStart: >= 0, KeepEnd: >= 0, MaskCharacter.Length: 1 } || char.IsAsciiDigit(phone.MaskCharacter[0]))
        {
            errors.Add($"{path}.phoneMask", "keepStart and keepEnd must not be negative, and maskCharacter must be one character that is not a digit");
        }

        if (options.EmailMask is not { KeepStart: >= 0, Mask.Length: > 0 })
        {
            errors.Add($"{path}.emailMask", "keepStart must not be negative and mask must not be empty");
        }
    }

    private static void ValidatePersonalFields(List<string>? fields, string path, ErrorCollector errors)
    {
        if (fields is null)
        {
            // Only code can leave the list null; a rules file that wants no personal field says [].
            errors.Add(path, "is required (an empty list marks no field personal)");
            return;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            // A name with spaces around it would match no column (columns are exact), leaving a personal column unmasked.
            var field = fields[i];
            if (string.IsNullOrWhiteSpace(field) || field.Trim() != field)
            {
                errors.Add($"{path}[{i}]", "must name a field, without spaces around it");
            }
            else if (fields.IndexOf(field) < i)
            {
                errors.Add($"{path}[{i}]", $"'{field}' is listed twice");
            }
        }
    }
}
