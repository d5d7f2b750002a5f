/**
 * Word lists for the synthetic benchmark. Common English given names and family names of the
 * kinds found in English schools and children's services, in rough order of popularity (the
 * generator gives earlier names more weight), plus syllables to make a long tail of rare names,
 * streets and towns. Everything generated from these is fictional.
 */

export const BOYS = `oliver george noah arthur muhammad leo harry oscar archie henry theodore freddie jack charlie theo
alfie jacob thomas finley arlo william lucas roman tommy isaac teddy alexander luca edward james joshua albie elijah max
mohammed reggie ezra louie ronnie hugo jude rory ethan harrison daniel samuel benjamin joseph adam sebastian dylan toby
jaxon kai reuben zachary frederick elliot ellis louis otis logan jenson hunter ralph bobby rowan jasper ibrahim yusuf
ayaan aarav arjun kian caleb liam michael nathan ryan tyler callum connor kyle jayden riley stanley harvey jamie aidan
matthew david christopher andrew luke owen aaron declan kieran shane patrick sean ciaran eoin cormac rhys dafydd gethin
emeka chidi tunde kwame kofi olu segun jakub szymon filip mateusz kacper omar ali hamza zayn ahmed bilal hassan idris
mustafa yahya aryan rohan dev vihaan krish sai hari tariq kamil dominik marcel luka nikola andrei mihai stefan`;

export const GIRLS = `olivia amelia isla ava ivy freya lily florence mia willow rosie sophia isabella grace daisy sienna
poppy elsie emily ella evelyn phoebe sofia evie charlotte harper millie matilda maya sophie alice emilia isabelle ruby
luna maisie aria penelope mila bonnie eva hallie eliza ada violet esme arabella imogen jessica delilah thea chloe
layla lucy ellie zara scarlett hannah harriet margot molly orla aisha fatima maryam zainab hafsa khadija amira nour
priya ananya diya saanvi kavya anaya jasmine leah megan lauren chelsea jade courtney amber paige holly bethany abigail
katie rebecca sarah emma laura rachel jennifer nicole natalie samantha victoria elizabeth catherine margaret mary
anna hollie niamh siobhan aoife ciara roisin caitlin ffion cerys seren amara chioma ngozi adaeze ifeoma zuzanna julia
maja lena hanna natalia wiktoria oliwia aleksandra emilia ioana maria elena gabriela yasmin leila safa inaya aleena`;

export const FAMILY = `smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson wright
walker white edwards hughes green hall lewis harris clarke patel jackson wood turner martin cooper hill ward morris moore
clark lee king baker harrison morgan allen james scott phillips watson davis parker price bennett young griffiths mitchell
kelly cook carter richardson bailey collins bell shaw murphy miller cox richards khan marshall anderson simpson ellis
adams singh begum wilkinson foster chapman powell webb rogers gray mason ali hunt hussain campbell matthews owen palmer
holmes mills barnes knight lloyd butler russell barker fisher stevens jenkins murray dixon harvey graham pearson ahmed
fletcher walsh kaur gibson howard andrews stewart elliott reynolds saunders payne fox ford pearce day brooks west lawrence
cole atkinson bradley spencer gill dawson ball burton obrien watts rose booth perry ryan grant wells armstrong francis
rees hayes hart hudson newman barrett webster hunter gregory carr lowe page marsh riley dunn woods parsons berry stone
reid holland hawkins harding porter robertson newton oconnor bird nicholson hussein kumar sharma mahmood akhtar rahman
choudhury miah uddin islam chowdhury iqbal malik shah mistry chauhan parmar okafor okeke adeyemi adebayo oyelaran
okonkwo mensah boateng asante owusu nwosu eze achebe obi mahamud warsame farah nowak kowalski wisniewski wojcik
kaminski lewandowski zielinski popescu ionescu silva santos ferreira costa nguyen tran chen wang li zhang liu`;

export const SYLLABLES = `ab ad al am an ar as ash ba bel ben bla bro bur ca car cha chi co cor da dal del dor dun ed el
em en er es fa fen fer fin ga gar gil gor ha hal har hol il in ir is ja jo ka kel ken kin la lan lar lea len li lin lo lor
ma mal mar mel mer mi mo mor na nel nor o om or pa pel per ra ran rav ren ri ro ros sa sal san sel sha sim ta tal tam ten
tor tra ul va val ven vi wa wen wil ya yor za zel`;

export const STREET_ENDINGS = [
  'Road',
  'Street',
  'Lane',
  'Avenue',
  'Close',
  'Drive',
  'Way',
  'Crescent',
  'Grove',
  'Gardens',
  'Court',
  'Place',
  'Terrace',
  'View',
  'Walk',
];
export const TOWN_PARTS = [
  'ford',
  'ton',
  'ley',
  'bury',
  'ham',
  'field',
  'wick',
  'worth',
  'by',
  'stead',
  'bridge',
  'mouth',
  'well',
  'thorpe',
  'den',
];
export const POSTCODE_AREAS = [
  'AL',
  'B',
  'BD',
  'BL',
  'BN',
  'BS',
  'CB',
  'CM',
  'CV',
  'DE',
  'DN',
  'EX',
  'GL',
  'HD',
  'HU',
  'LE',
  'LN',
  'LS',
  'M',
  'ME',
  'MK',
  'NE',
  'NG',
  'NR',
  'OL',
  'OX',
  'PE',
  'PL',
  'PO',
  'RG',
  'S',
  'SK',
  'SO',
  'SR',
  'ST',
  'TS',
  'WF',
  'WV',
  'YO',
];

/** Split one of the lists above into words. */
export const words = (list: string): string[] => list.split(/\s+/).filter((w) => w !== '');
