/** Titles, ranks and offices (no word lists load with this module). */

/** Honorifics, ranks and offices, lower case (a chain of them may stand before a name). */
export const HONORIFICS = new Set(
  `mr mrs ms miss mx dr prof professor doctor sir dame lord lady rev reverend revd father sister brother mother
  fr pastor imam rabbi canon bishop archbishop cardinal pope saint st president vice prime minister secretary
  chancellor senator sen congressman congresswoman representative rep governor gov mayor councillor cllr
  alderman speaker chair chairman chairwoman judge justice magistrate attorney counsel barrister solicitor
  general gen major maj colonel col captain capt lieutenant lt sergeant sgt corporal cpl private admiral
  commander commodore marshal brigadier inspector insp detective det constable pc dc ds di dci dsi supt
  superintendent chief officer agent nurse midwife king queen prince princess emperor empress tsar czar duke
  duchess earl count countess baron baroness viscount emeritus assistant deputy acting head headteacher master
  mistress principal dean provost coach uncle aunt auntie aunty nan nanny grandma grandad`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words for family members used as a form of address ("Mom", "Gran"): no one's name. */
export const KIN_WORDS = new Set(
  'mom mum dad mommy mummy daddy mam mama papa nana nan gran granny grandma grandpa grandad'.split(' '),
);
