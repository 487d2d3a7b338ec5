/**
 * Countries as ACLED names them, with their ISO 3166 numeric and alpha-3
 * codes and ACLED's region: enough to map ACLED's `iso`/`country`/`region`
 * to our alpha-3 `country` and back. Deliberately the countries of the
 * theatre (Europe, the Caucasus and Central Asia, East Asia, North America
 * and the Middle East's neighbours), not the world: a country missing here
 * still imports, its cells are kept as given and the import warns.
 */

export type Country = { numeric: number; alpha3: string; name: string; region: string };

const EUROPE = 'Europe';
const CAUCASUS = 'Caucasus and Central Asia';
const EAST_ASIA = 'East Asia';
const MIDDLE_EAST = 'Middle East';
const NORTH_AMERICA = 'North America';

const TABLE: [number, string, string, string][] = [
  [8, 'ALB', 'Albania', EUROPE],
  [20, 'AND', 'Andorra', EUROPE],
  [40, 'AUT', 'Austria', EUROPE],
  [56, 'BEL', 'Belgium', EUROPE],
  [70, 'BIH', 'Bosnia and Herzegovina', EUROPE],
  [100, 'BGR', 'Bulgaria', EUROPE],
  [112, 'BLR', 'Belarus', EUROPE],
  [191, 'HRV', 'Croatia', EUROPE],
  [196, 'CYP', 'Cyprus', EUROPE],
  [203, 'CZE', 'Czech Republic', EUROPE],
  [208, 'DNK', 'Denmark', EUROPE],
  [233, 'EST', 'Estonia', EUROPE],
  [246, 'FIN', 'Finland', EUROPE],
  [250, 'FRA', 'France', EUROPE],
  [276, 'DEU', 'Germany', EUROPE],
  [300, 'GRC', 'Greece', EUROPE],
  [336, 'VAT', 'Vatican City', EUROPE],
  [348, 'HUN', 'Hungary', EUROPE],
  [352, 'ISL', 'Iceland', EUROPE],
  [372, 'IRL', 'Ireland', EUROPE],
  [380, 'ITA', 'Italy', EUROPE],
  [428, 'LVA', 'Latvia', EUROPE],
  [438, 'LIE', 'Liechtenstein', EUROPE],
  [440, 'LTU', 'Lithuania', EUROPE],
  [442, 'LUX', 'Luxembourg', EUROPE],
  [470, 'MLT', 'Malta', EUROPE],
  [492, 'MCO', 'Monaco', EUROPE],
  [498, 'MDA', 'Moldova', EUROPE],
  [499, 'MNE', 'Montenegro', EUROPE],
  [528, 'NLD', 'Netherlands', EUROPE],
  [578, 'NOR', 'Norway', EUROPE],
  [616, 'POL', 'Poland', EUROPE],
  [620, 'PRT', 'Portugal', EUROPE],
  [642, 'ROU', 'Romania', EUROPE],
  [643, 'RUS', 'Russia', EUROPE],
  [674, 'SMR', 'San Marino', EUROPE],
  [688, 'SRB', 'Serbia', EUROPE],
  [703, 'SVK', 'Slovakia', EUROPE],
  [705, 'SVN', 'Slovenia', EUROPE],
  [724, 'ESP', 'Spain', EUROPE],
  [752, 'SWE', 'Sweden', EUROPE],
  [756, 'CHE', 'Switzerland', EUROPE],
  [804, 'UKR', 'Ukraine', EUROPE],
  [807, 'MKD', 'North Macedonia', EUROPE],
  [826, 'GBR', 'United Kingdom', EUROPE],
  [31, 'AZE', 'Azerbaijan', CAUCASUS],
  [51, 'ARM', 'Armenia', CAUCASUS],
  [268, 'GEO', 'Georgia', CAUCASUS],
  [398, 'KAZ', 'Kazakhstan', CAUCASUS],
  [417, 'KGZ', 'Kyrgyzstan', CAUCASUS],
  [762, 'TJK', 'Tajikistan', CAUCASUS],
  [795, 'TKM', 'Turkmenistan', CAUCASUS],
  [860, 'UZB', 'Uzbekistan', CAUCASUS],
  [156, 'CHN', 'China', EAST_ASIA],
  [158, 'TWN', 'Taiwan', EAST_ASIA],
  [392, 'JPN', 'Japan', EAST_ASIA],
  [408, 'PRK', 'North Korea', EAST_ASIA],
  [410, 'KOR', 'South Korea', EAST_ASIA],
  [496, 'MNG', 'Mongolia', EAST_ASIA],
  [364, 'IRN', 'Iran', MIDDLE_EAST],
  [368, 'IRQ', 'Iraq', MIDDLE_EAST],
  [376, 'ISR', 'Israel', MIDDLE_EAST],
  [760, 'SYR', 'Syria', MIDDLE_EAST],
  [792, 'TUR', 'Turkey', MIDDLE_EAST],
  [124, 'CAN', 'Canada', NORTH_AMERICA],
  [840, 'USA', 'United States', NORTH_AMERICA],
];

export const COUNTRIES: readonly Country[] = TABLE.map(([numeric, alpha3, name, region]) => ({ numeric, alpha3, name, region }));

const byAlpha3 = new Map(COUNTRIES.map((c) => [c.alpha3, c]));
const byNumeric = new Map(COUNTRIES.map((c) => [c.numeric, c]));
const byName = new Map(COUNTRIES.map((c) => [c.name.toLowerCase(), c]));
// Other names the same countries go by in ACLED's older files and elsewhere.
for (const [alias, alpha3] of [
  ['russian federation', 'RUS'],
  ['czechia', 'CZE'],
  ['macedonia', 'MKD'],
  ['republic of moldova', 'MDA'],
  ['turkiye', 'TUR'],
  ['türkiye', 'TUR'],
  ['united states of america', 'USA'],
  ['democratic people’s republic of korea', 'PRK'],
  ["democratic people's republic of korea", 'PRK'],
  ['republic of korea', 'KOR'],
] as const) {
  byName.set(alias, byAlpha3.get(alpha3)!);
}

export const countryByAlpha3 = (code: string | null) => (code ? byAlpha3.get(code) : undefined);
export const countryByNumeric = (code: string) => (/^\d{1,3}$/.test(code.trim()) ? byNumeric.get(Number(code)) : undefined);
export const countryByName = (name: string) => byName.get(name.trim().toLowerCase());
