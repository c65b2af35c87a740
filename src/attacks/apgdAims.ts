// APGD-T's number of classes to aim at, apart from the code (descriptors and the page name it without tfjs).
/** Per image, the classes after the first by clean logit: browser-sized (AutoAttack's standard run aims at 9). */
export const APGD_T_CLASSES = 3;
