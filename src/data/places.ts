/**
 * Places (issue 37): a place names a city, or a country alone ("in South
 * Africa"), so that the documents always have something to print; a venue or
 * a description adds to either. The schema cannot say "one of the two" with one
 * clear message, so this check does, at the place.
 */
import type { Diagnostic } from '../shared/diagnostics.js';
import type { SourceMap } from '../shared/yaml.js';
import type { Dataset, Place } from './types.js';

export function checkPlaces(data: Dataset, map: SourceMap): Diagnostic[] {
  const places: { place: Place; path: (string | number)[] }[] = [
    { place: data.meeting.place, path: ['meeting', 'place'] },
  ];
  (data.events ?? []).forEach((e, i) => {
    if (e.place) places.push({ place: e.place, path: ['events', i, 'place'] });
  });
  return places
    .filter(({ place }) => place.city === undefined && place.country === undefined)
    .map(({ path }) =>
      map.at(path, 'schema/place', 'a place needs a city or a country', {
        hint: 'give its city (city: Johannesburg), or its country alone (country: ZA, the ISO code) where the reports name no city',
      }),
    );
}
