/** The learned name detector's weights as text (see src/model/perceptron.ts `decodeWeights`). */
declare const weights: string;
export default weights;
