// src/runtime/models: every model the picker offers, in one place.
//   sources.ts       one loader per source (shipped files, IndexedDB; uploads and the training copy live only in
//                    memory), in a table keyed by the picker's ModelInfo.source
//   registry.ts      the loaded models by id, outside the store: load on first use, register, forget
//   savedModels.ts   the user's models in IndexedDB: list, save, delete, download
//   uploadModel.ts   a model.json and its weight files from the file picker
//   classify.ts      a model's class probabilities as plain numbers (and the warm-up on a blank image)
// Imports run one way, sources <- registry <- savedModels, uploadModel: no cycle.
export { forgetModel, forgetModels, getModel, registerLoadedModel, type Loaded } from './registry.ts';
export { classProbabilities } from './classify.ts';
export { deleteSavedModel, downloadModel, listSavedModels, saveModel, validModelName } from './savedModels.ts';
export { uploadModel } from './uploadModel.ts';
