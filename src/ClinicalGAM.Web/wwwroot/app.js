// Small helpers called from Blazor components.
window.clinicalGam = {
    scrollToId: function (id) {
        const el = document.getElementById(id);
        if (el) { el.scrollIntoView({ behavior: "smooth", block: "start" }); el.focus?.(); }
    }
};
