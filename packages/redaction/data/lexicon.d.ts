/** The encoded lexicon (see src/lexicon.ts `decodeLexicon`). */
declare const lexicon: string;
export default lexicon;
