/** Word lists and context rules for people and places that the cast does not list. */

/** Words after a name that say it is a person. */
export const PERSON_AFTER = new Set(
  'said says told tells reported reports stated explained disclosed agreed confirmed asked described denied admitted alleged called visited attended who whose recalled remembered felt thought wanted refused declined shouted hit pushed returned arrived left moved lived stayed cared looked spoke phoned texted messaged emailed wrote added noted replied answered became'.split(
    ' ',
  ),
);
/** Words before a name that say it is a person. */
export const PERSON_BEFORE = new Set(
  'friend friends neighbour neighbours partner boyfriend girlfriend husband wife ex ex-partner cousin aunt uncle nan grandmother grandfather brother sister son daughter mother father colleague manager worker officer visitor nurse teacher doctor called named name child baby boy girl man woman lodger tenant landlord landlady babysitter childminder relative stepfather stepmother paramedic midwife consultant solicitor chair'.split(
    ' ',
  ),
);
/** Words before a name that say it is a place. */
export const PLACE_BEFORE = new Set(
  'in at from to near around towards into outside within across via through west east north south central'.split(
    ' ',
  ),
);
/** Place-name endings common in Britain. */
export const PLACE_SUFFIX =
  /(?:ton|ham|ford|bury|borough|brough|field|ley|worth|wich|wick|caster|cester|chester|by|thorpe|pool|mouth|port|minster|stead|ington|dale|bridge|well|combe|stow|hurst|den|don|shire|land|holme|stone|ridge|wood|hill|moor|gate|leigh|lea|wold)$/;
/** Name particles that may sit inside a capitalised name: "Ludwig van Beethoven", "Aisha bin Said". */
export const PARTICLES = new Set(
  'van von der de del della di da du dos das le la bin ibn al el ben ap'.split(' '),
);

/** Last words that make a run a facility, with the kind of place they name. */
export const FACILITY: Record<string, string> = {
  school: 'school',
  academy: 'school',
  college: 'school',
  primary: 'school',
  infants: 'school',
  juniors: 'school',
  nursery: 'nursery',
  'pre-school': 'nursery',
  preschool: 'nursery',
  hospital: 'hospital',
  infirmary: 'hospital',
  surgery: 'gp',
  practice: 'gp',
  clinic: 'hospital',
  centre: 'other',
  pharmacy: 'other',
  church: 'other',
  mosque: 'other',
  temple: 'other',
  gurdwara: 'other',
  hostel: 'other',
  hotel: 'other',
  refuge: 'other',
  prison: 'other',
  station: 'other',
  library: 'other',
  club: 'other',
  ward: 'hospital',
  unit: 'hospital',
  estate: 'street',
  // The open list of heads that end the names of the organisations and places reviews mention:
  // taxi firms, care homes, refuges, surgeries, clubs, churches, employers, family centres.
  chapel: 'other',
  synagogue: 'other',
  cathedral: 'other',
  abbey: 'other',
  house: 'other',
  lodge: 'other',
  home: 'other',
  homes: 'other',
  taxis: 'other',
  taxi: 'other',
  cabs: 'other',
  minicabs: 'other',
  cars: 'other',
  logistics: 'other',
  haulage: 'other',
  distribution: 'other',
  warehouse: 'other',
  transport: 'other',
  motors: 'other',
  garage: 'other',
  ltd: 'other',
  limited: 'other',
  plc: 'other',
  llp: 'other',
  supermarket: 'other',
  stores: 'other',
  foods: 'other',
  cafe: 'other',
  café: 'other',
  takeaway: 'other',
  pub: 'other',
  inn: 'other',
  arms: 'other',
  tavern: 'other',
  gym: 'other',
  trust: 'other',
  foundation: 'other',
  project: 'other',
  services: 'other',
  association: 'other',
  society: 'other',
  fellowship: 'other',
  ministries: 'other',
  mission: 'other',
  tabernacle: 'other',
  hub: 'other',
  hall: 'other',
  manor: 'other',
  grange: 'other',
  court: 'address',
  towers: 'address',
  mews: 'address',
};

/**
 * Words before a head that make it a kind of place, so that any capitalised word before them names
 * one: "Rosewood Care Home", "Elms Medical Practice", "Parkside Youth Club", "Hope Family Centre".
 */
export const HEAD_QUALIFIERS = new Set(
  "care nursing residential medical dental health youth family community children's childrens day resource contact leisure sports boxing football cricket rugby social tennis golf bowling taxi private cab minicab baptist methodist pentecostal evangelical gospel parish catholic anglican united reformed islamic muslim sikh hindu jewish support recovery women's womens men's mens working men's".split(
    ' ',
  ),
);

/** Words that can make up a facility name without naming it ("Primary School", "Medical Centre"). */
export const GENERIC_FACILITY_WORDS = new Set(
  "the of and st saint royal general district community county city primary secondary junior infant infants high school academy college nursery pre-school medical health centre children's childrens family hospital infirmary surgery practice clinic pharmacy church c of e ce rc catholic free sixth form police station library sports leisure club youth unit ward maternity mental special university teaching national new old north south east west upper lower great little".split(
    ' ',
  ),
);

/** Facility words that name a place on their own account ("Oak Tree Surgery"), unlike "Unit" or "Centre". */
export const STRONG_FACILITY = new Set([
  'school',
  'academy',
  'college',
  'nursery',
  'pre-school',
  'preschool',
  'surgery',
  'hospital',
  'infirmary',
  'primary',
  'infants',
  'juniors',
  'church',
  'chapel',
  'mosque',
  'synagogue',
  'gurdwara',
  'temple',
  'cathedral',
  'refuge',
  'hostel',
  'house',
  'lodge',
  'taxis',
  'cabs',
  'minicabs',
  'logistics',
  'haulage',
  'ltd',
  'limited',
  'plc',
  'llp',
  'motors',
]);

/** First words of British place names: "Upper Cranton", "Castle Penwick". */
export const PLACE_PREFIX = new Set([
  'great',
  'little',
  'north',
  'south',
  'east',
  'west',
  'upper',
  'lower',
  'old',
  'new',
  'long',
  'high',
  'nether',
  'castle',
  'market',
  'church',
  'chipping',
  'kings',
  'bishops',
  'st',
  'saint',
  'royal',
]);

/** Last words of street names: "Elm Road", "Windsor Grove". */
export const STREET_SUFFIXES =
  'Road|Rd|Street|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Gardens|Court|Place|Terrace|Grove|Walk|Rise|Hill|Park|Mews|Square|View|Row|Parade|Green|Vale|Gate|Wharf|Quay|Boulevard|Mount|Fold|Croft|Meadows?|Chase|Heights|Yard|Estate|Approach|Villas|Cottages|Gardens';
