/**
 * Sentence templates for review-style narratives. Placeholders:
 * {P:key:form} a person (forms: ref, first, full, ts = title and surname, poss, sur, up, lower, initials, nick),
 * {L:key} or {L:key:short} a place, {D} a date, {D:dob} the child's date of birth, {DM} a month and year,
 * {A:child|teen|adult} an age, {I:nhs|upn|phone|email|vrm|caseref|url|ni|postcode} an identifier.
 */

export const TITLE = ['Child Safeguarding Practice Review: {P:child:up}', 'LEARNING REVIEW CONCERNING {P:child:up}', 'Serious Case Review – Family {P:child:sur}'];

export const INTRO = [
  'This review was commissioned by the Safeguarding Partnership following the serious injury of {P:child:full}, born on {D:dob}. It follows the guidance in Working Together to Safeguard Children and was overseen by a panel of senior managers from the Local Authority, the Police and the Integrated Care Board.',
  'The review considers the period from {DM} to {DM}. The lead reviewer met {P:mother:ts} and {P:nan:ts}; {P:father:ts} declined to take part. Ofsted and the Department for Education were notified.',
  '{P:child:first} lived with {P:child:poss} mother, {P:mother:full}, and {P:child:poss} sibling {P:sib1:first} at {L:home}. {P:mother:poss} partner, {P:partner:full}, stayed at the address most nights.',
];

export const EPISODE = [
  '{P:hv:ts}, the health visitor, visited {P:child:poss} home at {L:home:short}.',
  '{P:mother:ref} told {P:hv:ref} that {P:partner:first} had moved back into the family home.',
  '{P:teacher:ts}, designated safeguarding lead at {L:school}, telephoned the Multi-Agency Safeguarding Hub to report that {P:child:first} had arrived at school hungry.',
  '{P:sw:ref} completed a home visit; {P:child:first} was seen alone in {P:child:poss} bedroom and said that {P:child:poss} tummy hurt.',
  '{P:child:ref} was taken to {L:hosp} by {P:nan:ts} with a bruise to the left cheek.',
  'A neighbour, {P:neighbour:full}, contacted the police to report shouting at the property.',
  '{P:neighbour:ts} said that she had heard {P:boyfriend:first} shouting at the children late at night.',
  '{P:mother:first} said that her friend {P:friend:first} had been looking after the children while she worked.',
  '{P:friend:full} was not known to Children’s Social Care.',
  'The GP, {P:gp:ts}, saw {P:child:first} at {L:gpp} and recorded that {P:child:first} was {A:child}.',
  'A locum GP, {P:locum:ts}, reviewed the records and made a referral to the Paediatric Assessment Unit.',
  '{P:dc:ts} of the police safeguarding team attended with {P:police:ts}.',
  '{P:mother:ts} had begun a relationship with {P:boyfriend:full}, {A:adult}, who had previous convictions for violence.',
  '{P:child:first} told {P:sw2:ts} that {P:cousin:first} sometimes stayed over and slept on the sofa.',
  '{P:child:poss} classmate {P:classmate:first} told a teacher that {P:child:first} had said “my dad hurts mum”.',
  'The family moved from {L:prev} to {L:home} in {DM}.',
  '{P:mother:ref} was contacted on {I:phone} and by email at {I:email}.',
  'The NHS number recorded for {P:child:first} was {I:nhs}; the UPN held by {L:school:short} was {I:upn}.',
  'A car registered as {I:vrm} was seen outside the house on {L:homestreet} late at night.',
  'The referral was logged under case reference {I:caseref}.',
  '{P:mother:first} had posted about the incident at {I:url}.',
  '{P:partner:ts} (National Insurance number {I:ni}) was interviewed under caution.',
  '{P:boyfriend:first} had previously lived in {L:nctown} with his sister.',
  'The family stayed for two nights with relatives on {L:ncstreet} in {L:nctown}.',
  '{P:sib1:first} attended {L:ncschool}, where staff had no concerns.',
  '{P:child:first} was admitted to {L:nchosp} overnight for observation.',
  '{P:worker:full}, a family support worker from the Early Help service, began weekly sessions with {P:mother:first}.',
  '{P:worker:first} noted that the home conditions had improved but that {P:partner:first} was often present.',
  '{P:father:ref} had limited contact with {P:child:first} and {P:sib1:first}.',
  '{P:nan:ref} expressed concern that {P:partner:first} was drinking heavily.',
  'An Initial Child Protection Conference was held and {P:child:first} became subject to a Child Protection Plan under the category of neglect.',
  'A text message from {P:partner:first} read: “tell {P:child:lower} to stay in her room”.',
  'In police records {P:child:first} is referred to as {P:child:initials}.',
  '{P:child:nick}, as the family called {P:child:first}, was described by {P:teacher:ref} as a quiet child.',
  '{P:child:first} ({A:child}) said that {P:partner:ref} had shouted at {P:sib1:first}.',
  'The strategy discussion was chaired by {P:sw:ts}, with {P:police:ts} and {P:hv:ts} present.',
  '{P:mother:first} and {P:nan:first} attended the core group meeting at the family centre in {L:town}.',
  '{P:locum:ts} recorded that the injury was consistent with the explanation given by {P:mother:first}.',
  'The postcode given for the new address was {I:postcode}.',
  '{P:boyfriend:ts} was arrested on {D} and released on bail.',
  '{P:sw2:full} took over as allocated social worker when {P:sw:ref} left the authority.',
  'A teenager in the household, {A:teen}, was also spoken to.',
];

export const DISTRACTOR = [
  'The Multi-Agency Safeguarding Hub (MASH) screened the contact within 24 hours.',
  'Section 47 enquiries were not initiated at this point.',
  'Key Practice Episode 3 covers the period from {DM} to {DM}.',
  'The Core Group met on 6 occasions during the plan.',
  'CAMHS declined the referral because it did not meet the threshold for their service.',
  'On Monday the Team Manager reviewed the case and agreed that a Child and Family Assessment should start.',
  'Ofsted inspected the service in 2018 and judged it to require improvement.',
  'The Independent Reviewing Officer chaired the review; Police and Health attended.',
  'No Early Help Assessment was completed, and the Lead Professional role was not agreed.',
  'At 10:30 the police considered using their powers of Police Protection.',
  'The Graded Care Profile was not used, although Signs of Safety mapping took place.',
  'The Health Visiting Service offered 4 contacts, of which 2 were completed.',
  'Covid-19 restrictions meant that 3 visits were completed virtually over Microsoft Teams.',
];

export const FINDINGS = [
  'Finding 1: practitioners did not consider the role of {P:partner:first} in the household.',
  'Finding 2: information held by the GP practice was not shared with the Local Authority.',
  'Recommendation: the Safeguarding Partnership should seek assurance that agencies record who lives in the household.',
  'The voice of {P:child:first} was not heard clearly enough in assessments.',
];
