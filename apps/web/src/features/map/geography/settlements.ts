// Settlements shown as labels on the offline Kursk-region map.
//
// Coordinates (WGS 84, town centres, ±~1 km) are from general geographic
// knowledge, cross-checked by hand against GeoNames and Wikipedia; the three
// villages near Sudzha (Malaya Loknya, Martynovka, Plekhovo) follow their
// Wikipedia coordinates. Every point is checked to lie inside its oblast
// polygon in kursk-region.geo.json by test/unit/geography.test.ts, which also
// keys each settlement to its oblast. Settlements we could not place with
// confidence were left out rather than guessed.
//
// rank 1 = oblast capital (all zooms), 2 = town, 3 = small town or village
// (shown only when zoomed in).

export type SettlementCountry = 'RUS' | 'UKR';
export type SettlementRank = 1 | 2 | 3;

export interface Settlement {
  name: string;
  lat: number;
  lon: number;
  country: SettlementCountry;
  rank: SettlementRank;
  /** ISO 3166-2 code of the oblast (matches `code` in kursk-region.geo.json). */
  oblast: string;
}

export const SETTLEMENTS: Settlement[] = [
  // Kursk Oblast (RU-KRS)
  { name: 'Kursk', lat: 51.7304, lon: 36.1926, country: 'RUS', rank: 1, oblast: 'RU-KRS' },
  { name: 'Sudzha', lat: 51.1919, lon: 35.2708, country: 'RUS', rank: 2, oblast: 'RU-KRS' },
  { name: 'Lgov', lat: 51.689, lon: 35.284, country: 'RUS', rank: 2, oblast: 'RU-KRS' },
  { name: 'Rylsk', lat: 51.57, lon: 34.681, country: 'RUS', rank: 2, oblast: 'RU-KRS' },
  { name: 'Kurchatov', lat: 51.6606, lon: 35.6567, country: 'RUS', rank: 2, oblast: 'RU-KRS' },
  { name: 'Oboyan', lat: 51.2122, lon: 36.2756, country: 'RUS', rank: 2, oblast: 'RU-KRS' },
  { name: 'Korenevo', lat: 51.411, lon: 34.903, country: 'RUS', rank: 3, oblast: 'RU-KRS' },
  { name: 'Glushkovo', lat: 51.341, lon: 34.639, country: 'RUS', rank: 3, oblast: 'RU-KRS' },
  { name: 'Tyotkino', lat: 51.281, lon: 34.294, country: 'RUS', rank: 3, oblast: 'RU-KRS' },
  { name: 'Bolshoye Soldatskoye', lat: 51.336, lon: 35.51, country: 'RUS', rank: 3, oblast: 'RU-KRS' },
  { name: 'Malaya Loknya', lat: 51.3325, lon: 35.2275, country: 'RUS', rank: 3, oblast: 'RU-KRS' },
  { name: 'Martynovka', lat: 51.2389, lon: 35.3664, country: 'RUS', rank: 3, oblast: 'RU-KRS' },
  { name: 'Plekhovo', lat: 51.1, lon: 35.333, country: 'RUS', rank: 3, oblast: 'RU-KRS' },
  // Neighbouring Russian oblast capitals
  { name: 'Belgorod', lat: 50.5957, lon: 36.5873, country: 'RUS', rank: 1, oblast: 'RU-BEL' },
  { name: 'Bryansk', lat: 53.2434, lon: 34.3638, country: 'RUS', rank: 1, oblast: 'RU-BRY' },
  { name: 'Oryol', lat: 52.9651, lon: 36.0785, country: 'RUS', rank: 1, oblast: 'RU-ORL' },
  // Sumy Oblast (UA-59)
  { name: 'Sumy', lat: 50.9077, lon: 34.7981, country: 'UKR', rank: 1, oblast: 'UA-59' },
  { name: 'Konotop', lat: 51.2403, lon: 33.2026, country: 'UKR', rank: 2, oblast: 'UA-59' },
  { name: 'Shostka', lat: 51.8657, lon: 33.4697, country: 'UKR', rank: 2, oblast: 'UA-59' },
  { name: 'Okhtyrka', lat: 50.3103, lon: 34.8988, country: 'UKR', rank: 2, oblast: 'UA-59' },
  { name: 'Bilopillia', lat: 51.1489, lon: 34.3125, country: 'UKR', rank: 2, oblast: 'UA-59' },
  { name: 'Lebedyn', lat: 50.5856, lon: 34.4835, country: 'UKR', rank: 2, oblast: 'UA-59' },
  { name: 'Vorozhba', lat: 51.1731, lon: 34.225, country: 'UKR', rank: 3, oblast: 'UA-59' },
  // Other Ukrainian oblast capitals
  { name: 'Kharkiv', lat: 49.9935, lon: 36.2304, country: 'UKR', rank: 1, oblast: 'UA-63' },
  { name: 'Chernihiv', lat: 51.4982, lon: 31.2893, country: 'UKR', rank: 1, oblast: 'UA-74' },
];
