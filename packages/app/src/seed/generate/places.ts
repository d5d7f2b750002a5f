/**
 * Fictional places for a generated LA: streets, addresses and postcodes in an area code no real
 * postcode uses (YY for the demo borough, WX for its neighbour; both pass the UK format check),
 * schools, GP practices and a hospital.
 */
import { normalisePostcode } from '@waypoint/identifiers';
import type { Random } from './random.ts';

export interface Area {
  laCode: string;
  /** Postcode area letters. */
  postcodeArea: string;
  town: string;
  neighbourhoods: string[];
  hospital: string;
}

export const AREAS: Record<string, Area> = {
  '990': {
    laCode: '990',
    postcodeArea: 'YY',
    town: 'Wayford',
    neighbourhoods: [
      'Northgate',
      'Southmoor',
      'Ashby Vale',
      'Kingsholme',
      'Millbrook',
      'Lowfield',
      'Harton Green',
    ],
    hospital: 'Wayford General Hospital',
  },
  '991': {
    laCode: '991',
    postcodeArea: 'WX',
    town: 'Nethercombe',
    neighbourhoods: ['Upper Combe', 'Brindle Park', 'Sallowmead', 'Eastwick Fold'],
    hospital: 'Nethercombe Royal Infirmary',
  },
};

/** Any other LA code gets an area in the same fictional style. */
export function areaFor(laCode: string): Area {
  return (
    AREAS[laCode] ?? {
      laCode,
      postcodeArea: 'YZ',
      town: `Borough ${laCode}`,
      neighbourhoods: ['Central', 'North End', 'South End'],
      hospital: `Borough ${laCode} Hospital`,
    }
  );
}

const TREES = [
  'Elm',
  'Oak',
  'Ash',
  'Beech',
  'Chestnut',
  'Hazel',
  'Rowan',
  'Willow',
  'Larch',
  'Holly',
  'Alder',
];
const BIRDS = ['Kingfisher', 'Lark', 'Wren', 'Heron', 'Kestrel', 'Linnet', 'Plover', 'Swift', 'Finch'];
const OTHER = ['Mill', 'Church', 'Station', 'Victoria', 'Albert', 'Grange', 'Manor', 'Bridge', 'Canal'];
const MORE = ['Quarry', 'Orchard', 'Meadow', 'Brook', 'Spring', 'Tanner', 'Weaver', 'Cobden', 'Paxton'];
const STREET_ENDS = [
  'Road',
  'Street',
  'Avenue',
  'Close',
  'Lane',
  'Drive',
  'Crescent',
  'Grove',
  'Way',
  'Terrace',
];
const HOUSE_NAMES = ['House', 'Court', 'Tower', 'Point'];
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'.split('');
const SAINTS = ['Mary', 'John', 'Peter', 'Anne', 'Luke', 'Michael', 'Bede', 'Hilda', 'Aidan'];

export const streetName = (r: Random): string =>
  `${r.pick([...TREES, ...BIRDS, ...OTHER, ...MORE])} ${r.pick(STREET_ENDS)}`;

/** A postcode in the area, in canonical form. @throws when the generated form is not a UK postcode (a bug) */
export function postcodeIn(r: Random, area: Area): string {
  const raw = `${area.postcodeArea}${r.int(1, 9)} ${r.int(1, 9)}${r.pick(UNIT_LETTERS)}${r.pick(UNIT_LETTERS)}`;
  const p = normalisePostcode(raw);
  if (p === null) throw new Error(`generated postcode ${raw} is not a UK postcode`);
  return p;
}

export interface Address {
  line1: string;
  line2: string;
  town: string;
  postcode: string;
  /** The street alone, for mentions in notes. */
  street: string;
}

export function addressIn(r: Random, area: Area): Address {
  const street = streetName(r);
  const isFlat = r.chance(0.3);
  const line1 = isFlat
    ? `Flat ${r.int(1, 24)}, ${r.pick(BIRDS)} ${r.pick(HOUSE_NAMES)}, ${r.int(1, 60)} ${street}`
    : `${r.int(1, 180)} ${street}`;
  return {
    line1,
    line2: r.pick(area.neighbourhoods),
    town: area.town,
    postcode: postcodeIn(r, area),
    street,
  };
}

export function schoolName(r: Random, phase: 'primary' | 'secondary', area: Area): string {
  if (phase === 'secondary')
    return r.pick([
      `${r.pick(area.neighbourhoods)} Academy`,
      `${area.town} High School`,
      `${r.pick(TREES)}wood Community College`,
      `St ${r.pick(SAINTS)}'s Catholic High School`,
    ]);
  return r.pick([
    `${r.pick(TREES)}field Primary School`,
    `${r.pick(area.neighbourhoods)} Primary School`,
    `St ${r.pick(SAINTS)}'s C of E Primary School`,
    `${r.pick(BIRDS)} Infant and Junior School`,
  ]);
}

export const gpPractice = (r: Random, area: Area): string =>
  r.pick([`${r.pick(area.neighbourhoods)} Medical Centre`, `${r.pick([...OTHER, ...MORE])} Street Surgery`]);

export const nurseryName = (r: Random): string =>
  `${r.pick(['Little', 'Busy', 'Happy', 'Tiny'])} ${r.pick(['Acorns', 'Owls', 'Stars', 'Steps'])} Nursery`;
