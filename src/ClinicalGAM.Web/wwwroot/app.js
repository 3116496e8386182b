// Small helpers called from Blazor components.
window.clinicalGam = {
    scrollToId: function (id) {
        const el = document.getElementById(id);
        if (el) { el.scrollIntoView({ behavior: "smooth", block: "start" }); el.focus?.(); }
    }
};

// Plotly.Blazor queues every chart's first draw until plotly.js has loaded, then draws them in one loop. A chart
// whose page was left in the meantime makes Plotly throw ("No DOM element with id ..."), which ends that loop and
// leaves the charts of the page now shown undrawn until a reload. Drawing into a vanished element is skipped instead.
(function () {
    let plotly;
    Object.defineProperty(window, 'Plotly', {
        configurable: true,
        get() { return plotly; },
        set(value) {
            if (value && !value.__clinicalGamGuarded) {
                for (const name of ['newPlot', 'react']) {
                    const draw = value[name];
                    if (typeof draw !== 'function') continue;
                    value[name] = function (target, ...rest) {
                        const element = typeof target === 'string' ? document.getElementById(target) : target;
                        return element ? draw.call(this, target, ...rest) : Promise.resolve();
                    };
                }
                value.__clinicalGamGuarded = true;
            }
            plotly = value;
        },
    });
})();

// Plotly.Blazor queues the drawing calls and event subscriptions of charts rendered before plotly.js has loaded and
// runs the queue in one loop; a subscription whose page was left meanwhile throws there and strands every chart
// queued after it (the next page stays blank until a reload). So plotly.js is loaded first, through Plotly.Blazor's
// own interop module (the module instance its charts import, with its script id and file), and only then does the
// Blazor circuit start: no chart is ever queued. The server-rendered page shows meanwhile; on failure Blazor starts
// anyway and the charts load plotly.js on demand.
import('./_content/Plotly.Blazor/plotly-interop-7.2.0.js')
    .then(interop => interop.importScript('plotly-import', './_content/Plotly.Blazor/plotly-3.7.0.min.js'))
    .catch(error => console.warn('plotly.js preload failed; charts will load it on demand', error))
    .finally(() => Blazor.start());
