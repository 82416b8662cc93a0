// On the profile step, each follow-up question shows only when the business scope chosen
// calls for it (import/export, wholesale and retail; manufacturing). Without JavaScript both
// stay visible, each saying when to answer it, and the server ignores the one that does not
// apply.
// The scopes come from the questionnaire, on the script tag (step_profile.html).
(function () {
  "use strict";
  var settings = document.currentScript.dataset;
  var scope = document.getElementById("id_profile-business_scope");
  if (!scope) {
    return;
  }
  var manufacturing = settings.manufacturingScopes.split(" ");
  var followUps = [
    { group: document.getElementById("group_id_profile-trade_type"), when: function (v) { return v === settings.tradeScope; } },
    { group: document.getElementById("group_id_profile-hk_production_line"), when: function (v) { return manufacturing.indexOf(v) !== -1; } }
  ];
  function update() {
    followUps.forEach(function (followUp) {
      if (followUp.group) {
        followUp.group.hidden = !followUp.when(scope.value);
      }
    });
  }
  scope.addEventListener("change", update);
  update();
})();
