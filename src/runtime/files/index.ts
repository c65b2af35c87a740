// src/runtime/files: files in and out of the page, through the browser. Its own room, as the lab, the models, the
// lessons and the share panel all use it and none of them owns it.
//   decodeImage.ts  an image blob -> RGBA bytes as stored in the file (the user's image, the dataset's sprites)
//   download.ts     a file the page made, saved through the browser's download
export { decodeToRgba, imageSize, type SquareRegion } from './decodeImage.ts';
export { downloadBlob } from './download.ts';
