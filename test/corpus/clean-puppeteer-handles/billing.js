function openPlanModal() {
  const modal = document.createElement('div');
  modal.className = 'modal';
  modal.setAttribute('role', 'dialog');
  modal.innerHTML = `
    <h2>Choose a plan</h2>
    <label><input type="radio" name="plan" value="team" checked> Team — $8/seat</label>
    <label><input type="radio" name="plan" value="business"> Business — $15/seat</label>
    <button class="cancel">Cancel</button>`;
  // The modal's own listener goes away with the modal.
  modal.querySelector('.cancel').addEventListener('click', () => modal.remove());
  document.body.append(modal);
}

document.getElementById('change-plan').addEventListener('click', openPlanModal);
