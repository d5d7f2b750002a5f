/**
 * UK/English given names and their common nicknames and short forms, one group per line: the
 * formal name first, then the forms used for it. Written for this package from general knowledge
 * of English naming; a name may sit in several groups (Alex, Chris, Sam, Jo…). Lower case, no
 * accents. Extend it by adding lines; order does not matter.
 */
export const NICKNAME_LIST = `
abigail abi abbie abby gail
abraham abe bram
adrian ade
agnes aggie nessa
albert al bert bertie
alexander alex alec xander zander lex sandy al
alexandra alex alexa sandra sandy lexi lexie ali
alfred alf alfie fred freddie
alison ali allie ally
amanda mandy manda
amelia millie milly amy mia
andrew andy drew
angela angie
anne annie nan nancy
anna annie
anthony tony ant
antonia toni
archibald archie
arthur art artie
barbara barb barbie babs
barnaby barney
bartholomew bart
beatrice bea bee trixie
benjamin ben benji benny
bernard bernie
bradley brad
bridget biddy bridie
callum cal
cameron cam
caroline carrie caz
catherine katherine kathryn catharine cathy kathy cath kath kate katie kat kitty
charles charlie chas chaz chuck
charlotte charlie lottie lotty
christian chris
christine chris chrissie tina
christina chris chrissie tina
christopher chris kit
clarissa clara
cornelius con neil
cynthia cindy
daniel dan danny
danielle dani
david dave davy davie
deborah debbie deb debs
dominic dom
donald don donny
dorothy dot dotty dolly
douglas doug dougie
edward ed eddie ted teddy ned
edmund ed eddie ted ned
edwin ed eddie
eleanor ellie nell nellie nora elle
elizabeth liz lizzie lizzy beth betty bess bessie libby eliza elsie lisa liza
ellen ellie nell
emily em emmy millie
emma em emmy
eugene gene
evelyn eve evie
florence flo florrie
frances fran fanny frankie
francesca fran frankie chesca
francis frank frankie fran
frederick fred freddie freddy
gabriel gabe gabby
gabrielle gabby gabi
genevieve gen genny
geoffrey geoff jeff
georgina georgie gina
george georgie
gerald gerry
geraldine gerry
gertrude gertie trudy
gillian gill jill gilly
gregory greg
gwendolen gwen
harold harry hal
harriet hattie harri
harrison harry
helen nell nellie
henry harry hal hank
herbert herb bert
hugh hughie
isaac ike zac
isabel izzy izzie bella issy belle
isabella izzy izzie bella issy belle
isabelle izzy bella belle
jacob jake jakey
jacqueline jackie jacqui
james jim jimmy jamie jem
jane janey jenny
janet jan
jennifer jen jenny jenni
jessica jess jessie
joanna jo jo-jo
joanne jo
johanna jo hanna
john jack johnny jon
jonathan jon jonny johnny nathan
joseph joe joey jo
josephine jo josie jojo
joshua josh
judith judy jude
julia jules julie
julian jules
kenneth ken kenny
kimberley kim
lawrence larry laurie lol
laurence larry laurie
leonard len lenny leo
leonora leo nora
lillian lily lil
louisa lou lulu
louise lou lulu
lucinda lucy cindy
lydia liddy
madeleine maddie maddy
madison maddie maddy
magdalene maggie magda
margaret maggie meg peggy peg marge madge greta molly daisy maisie
marjorie marge margie
martha marty mattie patty
martin marty
mary molly polly mae mimi
matilda tilly tilda mattie
matthew matt matty
maximilian max
maxwell max
melanie mel
melissa mel missy
michael mike mikey mick micky mickey mitch
michelle shelley
mildred millie milly
miriam mimi
natalie nat
nathan nate nat
nathaniel nate nat nathan
nicholas nick nicky nico
nicola nicky nikki
oliver ollie olly
olivia liv livvy ollie
pamela pam
patricia pat patty trish tricia
patrick pat paddy
penelope penny
peter pete
philip phil pip
phoebe phebe
priscilla cilla
rachel rach
raymond ray
rebecca becky becca bex
reginald reg reggie
richard rich richie rick ricky dick
robert rob robbie bob bobby bert
roberta bobbie
rodney rod
ronald ron ronnie
rosalind ros roz
rosemary rosie rose
ruth ruthie
samantha sam sammy
samuel sam sammy
sarah sally sadie
sophia sophie
stanley stan
stephanie steph stevie
stephen steve stevie
steven steve stevie
susan sue susie suzy
suzanne sue susie suzy
teresa tess tessa terri
theodore theo ted teddy
thomas tom tommy
timothy tim timmy
tobias toby
valentine val
valerie val
veronica ronnie
victoria vicky tori vikki
vincent vince vinnie
virginia ginny
walter walt wally
william bill billy will willie liam wills
winifred winnie
zachary zac zach zack
zoe zoey
`;
