/**
 * uPlot and its stylesheet, loaded on demand: the charts import this lazily, so the library stays out of
 * the first chunk, and module load (uPlot reads matchMedia at once) only happens where a canvas exists.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export default uPlot;
