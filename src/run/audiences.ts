/**
 * --audience ID (repeatable, or all): the dataset's variants, one per
 * audience, each the dataset as that audience may read it (data/audience.ts)
 * with its earlier version (--since) cut the same way, so that the changes
 * never show what the audience may not see. Each is written to
 * <dataset>/<audience id>/.
 */
import { earlierRanks, forAudience, levelOf } from '../data/audience.js';
import type { CheckedDataset } from '../data/check.js';
import { closest, UserError } from '../shared/diagnostics.js';
import { quoted } from '../shared/show.js';

/** `all`: every audience the dataset declares. */
export const ALL_AUDIENCES = 'all';

export function audienceVariants(
  dataset: CheckedDataset,
  asked: readonly string[],
): { dataset: CheckedDataset; folder: string }[] {
  const declared = dataset.data.audiences ?? [];
  const ids = declared.map((a) => a.id);
  const wanted = asked.includes(ALL_AUDIENCES) ? ids : asked;
  const unknown = wanted.filter((id) => !ids.includes(id));
  if (!declared.length) {
    throw new UserError([
      dataset.map.at([], 'ref/unknown-audience', `--audience ${asked.join(',')}: the dataset declares no audiences`, {
        hint: 'declare them under audiences: [{ id, name, up_to }], with the markings under vocabulary.markings',
      }),
    ]);
  }
  if (unknown.length) {
    throw new UserError(
      unknown.map((id) => {
        const guess = closest(id, ids);
        return dataset.map.at(
          ['audiences'],
          'ref/unknown-audience',
          `--audience ${quoted(id)}: the dataset has no such audience (it has ${ids.join(', ')})`,
          {
            which: 'key',
            hint: guess ? `did you mean ${quoted(guess)}?` : `use one of: ${ids.join(', ')}, or all`,
          },
        );
      }),
    );
  }
  return declared
    .filter((a) => wanted.includes(a.id))
    .map((audience) => {
      const level = levelOf(dataset.data, audience);
      const variant: CheckedDataset = { ...dataset, data: forAudience(dataset.data, level) };
      if (dataset.previous)
        variant.previous = {
          ...dataset.previous,
          data: forAudience(dataset.previous.data, level, earlierRanks(dataset.previous.data, dataset.data)),
        };
      return { dataset: variant, folder: `${audience.id}/` };
    });
}
