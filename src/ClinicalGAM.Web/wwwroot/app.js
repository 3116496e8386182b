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
