/** The ways names outside the cast can be found (`policy.names`); no word lists load with this. */
export const NAME_METHODS = ['rules', 'model', 'combined'] as const;
export type NameMethod = (typeof NAME_METHODS)[number];
