// One bundle for both pages (Mermaid once, not twice in the VSIX): the page's HTML says which it is.
if (document.getElementById('compare') !== null) void import('./compareView');
else void import('./main');
