/** Colour ramps for the district map, from the lowest value to the highest. */
export const GREENS = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'];
export const REDS = ['#fff5f0', '#fcbba1', '#fb6a4a', '#de2d26', '#a50f15'];
