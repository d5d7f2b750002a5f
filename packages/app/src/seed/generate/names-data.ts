/**
 * A modest frequency table of names for generating fictional people: given names by sex and
 * decade of birth (in the order of the ONS baby-name rankings for England and Wales, roughly), and
 * surnames by heritage (in the order of their frequency in England, roughly), including the
 * diversity of English cities. Lists are in frequency order; `names.ts` weights them by rank.
 * For fictional generation only: no person here is real, and nothing is downloaded.
 */

export type Decade = 1950 | 1960 | 1970 | 1980 | 1990 | 2000 | 2010 | 2020;
export type Heritage =
  | 'british'
  | 'irish'
  | 'pakistani'
  | 'bangladeshi'
  | 'indian'
  | 'african'
  | 'caribbean'
  | 'eastern-european'
  | 'chinese'
  | 'arab';

/** Given names of people of British heritage, by decade of birth. */
// prettier-ignore
export const britishGiven: Record<Decade, { female: string[]; male: string[] }> = {
  1950: {
    female: ['Susan', 'Linda', 'Christine', 'Margaret', 'Janet', 'Patricia', 'Carol', 'Elizabeth', 'Mary', 'Anne', 'Jean', 'Maureen'],
    male: ['David', 'John', 'Peter', 'Michael', 'Alan', 'Robert', 'Stephen', 'Paul', 'Brian', 'Graham', 'Keith', 'Barry'],
  },
  1960: {
    female: ['Julie', 'Karen', 'Susan', 'Tracey', 'Jacqueline', 'Deborah', 'Alison', 'Sharon', 'Amanda', 'Angela', 'Sandra', 'Wendy'],
    male: ['Paul', 'Mark', 'David', 'Andrew', 'Richard', 'Christopher', 'Stephen', 'Ian', 'Gary', 'Kevin', 'Steven', 'Martin'],
  },
  1970: {
    female: ['Sarah', 'Claire', 'Nicola', 'Emma', 'Lisa', 'Joanne', 'Michelle', 'Helen', 'Samantha', 'Karen', 'Donna', 'Kelly'],
    male: ['Stephen', 'Mark', 'Paul', 'Andrew', 'David', 'Richard', 'Matthew', 'Daniel', 'Christopher', 'Darren', 'Lee', 'Wayne'],
  },
  1980: {
    female: ['Sarah', 'Laura', 'Gemma', 'Emma', 'Rebecca', 'Claire', 'Victoria', 'Samantha', 'Rachel', 'Amy', 'Jennifer', 'Kerry', 'Stacey', 'Leanne'],
    male: ['Christopher', 'James', 'David', 'Daniel', 'Michael', 'Matthew', 'Andrew', 'Richard', 'Paul', 'Mark', 'Craig', 'Ryan', 'Jamie', 'Dean'],
  },
  1990: {
    female: ['Rebecca', 'Lauren', 'Jessica', 'Charlotte', 'Hannah', 'Sophie', 'Amy', 'Emily', 'Laura', 'Emma', 'Chloe', 'Danielle', 'Jade', 'Kirsty'],
    male: ['Thomas', 'James', 'Jack', 'Daniel', 'Matthew', 'Ryan', 'Joshua', 'Luke', 'Samuel', 'Jordan', 'Adam', 'Liam', 'Callum', 'Connor'],
  },
  2000: {
    female: ['Chloe', 'Emily', 'Megan', 'Jessica', 'Sophie', 'Lauren', 'Charlotte', 'Hannah', 'Olivia', 'Ellie', 'Holly', 'Amber', 'Courtney', 'Shannon'],
    male: ['Jack', 'Joshua', 'Thomas', 'James', 'Daniel', 'Samuel', 'Oliver', 'William', 'Benjamin', 'Joseph', 'Harry', 'Lewis', 'Kieran', 'Tyler'],
  },
  2010: {
    female: ['Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophia', 'Grace', 'Lily', 'Poppy', 'Isabella', 'Freya', 'Evie', 'Ella', 'Ruby', 'Millie', 'Harper', 'Scarlett', 'Skye'],
    male: ['Oliver', 'Harry', 'George', 'Jack', 'Jacob', 'Noah', 'Charlie', 'Thomas', 'Oscar', 'William', 'James', 'Alfie', 'Freddie', 'Archie', 'Riley', 'Logan', 'Mason', 'Kai'],
  },
  2020: {
    female: ['Olivia', 'Amelia', 'Isla', 'Lily', 'Ava', 'Freya', 'Florence', 'Ivy', 'Willow', 'Sophia', 'Rosie', 'Evie', 'Daisy', 'Elsie', 'Luna', 'Maisie'],
    male: ['Noah', 'Oliver', 'George', 'Arthur', 'Muhammad', 'Theo', 'Freddie', 'Oscar', 'Archie', 'Harry', 'Henry', 'Theodore', 'Alfie', 'Teddy', 'Reggie', 'Albie'],
  },
};

/** Given names for other heritages (less tied to decade in the rankings). */
// prettier-ignore
export const heritageGiven: Record<Exclude<Heritage, 'british'>, { female: string[]; male: string[] }> = {
  irish: {
    female: ['Niamh', 'Ciara', 'Aoife', 'Siobhan', 'Roisin', 'Orla', 'Caoimhe', 'Sinead', 'Aisling', 'Bridget'],
    male: ['Sean', 'Conor', 'Patrick', 'Cian', 'Declan', 'Oisin', 'Eoin', 'Ciaran', 'Liam', 'Niall'],
  },
  pakistani: {
    female: ['Aisha', 'Maryam', 'Zainab', 'Fatima', 'Hafsa', 'Amina', 'Ayesha', 'Sana', 'Iqra', 'Khadija', 'Zara', 'Noor'],
    male: ['Muhammad', 'Ibrahim', 'Yusuf', 'Hamza', 'Ali', 'Zayn', 'Bilal', 'Usman', 'Imran', 'Adil', 'Haris', 'Rayyan'],
  },
  bangladeshi: {
    female: ['Fatima', 'Sumaiya', 'Tasnim', 'Nusrat', 'Sadia', 'Rumana', 'Jannat', 'Halima', 'Shirin', 'Rehana'],
    male: ['Muhammad', 'Abdul', 'Rahim', 'Shahid', 'Tanvir', 'Arif', 'Sohel', 'Rafiq', 'Jamal', 'Kamal'],
  },
  indian: {
    female: ['Priya', 'Anaya', 'Simran', 'Aanya', 'Kiran', 'Jaspreet', 'Pooja', 'Neha', 'Divya', 'Harleen'],
    male: ['Arjun', 'Aarav', 'Rohan', 'Harjit', 'Vikram', 'Gurpreet', 'Sanjay', 'Rajesh', 'Dev', 'Kabir'],
  },
  african: {
    female: ['Amara', 'Chioma', 'Abena', 'Adaeze', 'Fola', 'Ngozi', 'Esi', 'Zawadi', 'Ifeoma', 'Hodan', 'Ayan', 'Deborah'],
    male: ['Chidi', 'Kwame', 'Tobi', 'Emeka', 'Kofi', 'Adebayo', 'Oluwaseun', 'Tunde', 'Abdi', 'Mohamed', 'David', 'Samuel'],
  },
  caribbean: {
    female: ['Shanice', 'Tanisha', 'Jasmine', 'Keisha', 'Aaliyah', 'Nia', 'Simone', 'Marcia', 'Latoya', 'Imani'],
    male: ['Marcus', 'Jerome', 'Tyrone', 'Andre', 'Dwayne', 'Kareem', 'Leon', 'Delroy', 'Jermaine', 'Malachi'],
  },
  'eastern-european': {
    female: ['Oliwia', 'Zofia', 'Julia', 'Maja', 'Ioana', 'Alexandra', 'Natalia', 'Anna', 'Ewa', 'Lena', 'Daria'],
    male: ['Jakub', 'Szymon', 'Andrei', 'Mateusz', 'Filip', 'Kacper', 'Bartosz', 'Tomasz', 'Lukas', 'Marek', 'Mihai'],
  },
  chinese: {
    female: ['Mei', 'Xin', 'Ying', 'Li Na', 'Hui', 'Jia', 'Yan', 'Ling'],
    male: ['Wei', 'Jun', 'Hao', 'Chen', 'Ming', 'Jie', 'Tao', 'Yong'],
  },
  arab: {
    female: ['Layla', 'Mariam', 'Salma', 'Nour', 'Yasmin', 'Rania', 'Huda', 'Lina'],
    male: ['Omar', 'Ahmed', 'Khalid', 'Youssef', 'Karim', 'Tariq', 'Samir', 'Hassan'],
  },
};

/** Surnames by heritage, most frequent first. */
// prettier-ignore
export const surnames: Record<Heritage, string[]> = {
  british: [
    'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
    'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Green', 'Hall', 'Wood',
    'Harris', 'Lewis', 'Martin', 'Jackson', 'Clarke', 'Clark', 'Turner', 'Hill', 'Scott', 'Cooper',
    'Morris', 'Ward', 'Moore', 'King', 'Watson', 'Baker', 'Harrison', 'Morgan', 'Patel', 'Young',
    'Allen', 'Mitchell', 'James', 'Anderson', 'Phillips', 'Lee', 'Bell', 'Parker', 'Davis', 'Kelly',
    'Bennett', 'Griffiths', 'Cook', 'Shaw', 'Richardson', 'Chapman', 'Lloyd', 'Webb', 'Holmes', 'Mason',
    'Rogers', 'Stevens', 'Fisher', 'Atkinson', 'Dixon', 'Pearson', 'Hunt', 'Barker', 'Gibson', 'Fletcher',
    'Sutcliffe', 'Greenwood', 'Ashworth', 'Pickering', 'Hebden', 'Oldroyd', 'Whitworth', 'Barraclough',
  ],
  irish: ['Murphy', 'Kelly', "O'Brien", 'Byrne', 'Ryan', "O'Sullivan", 'Walsh', 'Doyle', 'McCarthy', 'Gallagher', "O'Connor", 'Quinn', 'Flynn', 'Donnelly'],
  pakistani: ['Khan', 'Hussain', 'Ali', 'Ahmed', 'Shah', 'Iqbal', 'Akhtar', 'Mahmood', 'Butt', 'Malik', 'Rashid', 'Mirza', 'Qureshi', 'Bibi'],
  bangladeshi: ['Begum', 'Miah', 'Uddin', 'Rahman', 'Islam', 'Ahmed', 'Hoque', 'Choudhury', 'Khatun', 'Ullah', 'Alam', 'Hassan'],
  indian: ['Patel', 'Singh', 'Kaur', 'Sharma', 'Gill', 'Sandhu', 'Mistry', 'Shah', 'Kumar', 'Parmar', 'Dhillon', 'Chauhan', 'Mehta', 'Joshi'],
  african: ['Mensah', 'Adeyemi', 'Okonkwo', 'Mohamed', 'Abdi', 'Osei', 'Boateng', 'Adebayo', 'Nwosu', 'Owusu', 'Eze', 'Bello', 'Mwangi', 'Chukwu'],
  caribbean: ['Campbell', 'Brown', 'Williams', 'Francis', 'Grant', 'Clarke', 'Henry', 'Reid', 'Thomas', 'Morgan', 'Bailey', 'Stewart', 'Forbes', 'Gordon'],
  'eastern-european': ['Nowak', 'Kowalski', 'Wisniewski', 'Popescu', 'Kaminski', 'Lewandowski', 'Zielinski', 'Ionescu', 'Kazlauskas', 'Horvath', 'Dabrowski', 'Novak'],
  chinese: ['Wang', 'Li', 'Zhang', 'Chen', 'Liu', 'Wong', 'Chan', 'Lam', 'Cheung', 'Ng'],
  arab: ['Hassan', 'Ibrahim', 'Mahmoud', 'Saleh', 'Haddad', 'Nasser', 'Farah', 'Aziz'],
};

/** CIN census ethnicity codes in roughly the proportions of children in need in English cities. */
// prettier-ignore
export const ethnicityWeights: readonly (readonly [string, number])[] = [
  ['WBRI', 56],
  ['WIRI', 0.6],
  ['WIRT', 0.6],
  ['WOTH', 6],
  ['WROM', 0.9],
  ['MWBC', 3],
  ['MWBA', 1.4],
  ['MWAS', 1.6],
  ['MOTH', 3.6],
  ['AIND', 1.6],
  ['APKN', 3.4],
  ['ABAN', 1.5],
  ['AOTH', 2],
  ['BCRB', 1.5],
  ['BAFR', 4.2],
  ['BOTH', 1.6],
  ['CHNE', 0.3],
  ['OOTH', 3],
  ['REFU', 0.6],
  ['NOBT', 4],
];

/** The heritage (for names) of each ethnicity; mixed backgrounds draw from the two parents. */
// prettier-ignore
export const heritageOf: Record<string, readonly (readonly [Heritage, number])[]> = {
  WBRI: [['british', 95], ['irish', 5]],
  WIRI: [['irish', 1]],
  WIRT: [['irish', 2], ['british', 1]],
  WOTH: [['eastern-european', 8], ['british', 1], ['irish', 1]],
  WROM: [['eastern-european', 2], ['british', 1]],
  MWBC: [['caribbean', 1], ['british', 1]],
  MWBA: [['african', 1], ['british', 1]],
  MWAS: [['pakistani', 1], ['indian', 1], ['british', 2]],
  MOTH: [['british', 2], ['arab', 1], ['caribbean', 1]],
  AIND: [['indian', 1]],
  APKN: [['pakistani', 1]],
  ABAN: [['bangladeshi', 1]],
  AOTH: [['pakistani', 1], ['indian', 1], ['arab', 1]],
  BCRB: [['caribbean', 1]],
  BAFR: [['african', 1]],
  BOTH: [['african', 1], ['caribbean', 1]],
  CHNE: [['chinese', 1]],
  OOTH: [['arab', 3], ['eastern-european', 1]],
  REFU: [['british', 1]],
  NOBT: [['british', 3], ['eastern-european', 1]],
};

/** First languages other than English, by heritage, for interpreter needs. */
export const languages: Partial<Record<Heritage, string[]>> = {
  pakistani: ['Urdu', 'Punjabi'],
  bangladeshi: ['Bengali', 'Sylheti'],
  indian: ['Punjabi', 'Gujarati'],
  african: ['Somali', 'Yoruba', 'Tigrinya', 'Arabic'],
  'eastern-european': ['Polish', 'Romanian', 'Lithuanian', 'Slovak'],
  chinese: ['Cantonese', 'Mandarin'],
  arab: ['Arabic', 'Kurdish'],
};
