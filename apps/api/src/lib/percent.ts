export { basisPointsToPercent, percentToBasisPoints } from '@gestco/contract';
