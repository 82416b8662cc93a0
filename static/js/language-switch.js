// On a wizard step, the header's language button sends the step's own form instead, so the
// answers chosen on this page but not yet submitted survive the switch (the wizard keeps them
// and shows the same step in the other language). Without JavaScript the button still
// switches the language and keeps every submitted answer; only unsent choices are lost.
(function () {
  "use strict";
  var wizard = document.getElementById("wizard-form");
  var switcher = document.querySelector("form.lang-switch");
  if (!wizard || !switcher) {
    return;
  }
  switcher.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || button.name !== "language") {
      return;
    }
    event.preventDefault();
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "switch_language";
    field.value = button.value;
    wizard.appendChild(field);
    // submit() sends no button of the wizard form, so nothing is skipped or gone back to.
    wizard.submit();
  });
})();
