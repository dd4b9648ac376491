class AuditEvent {
  constructor(action, details) {
    this.action = action;
    this.details = details;
    this.at = new Date().toISOString();
    this.actor = 'admin@example.com';
  }
}

// Development logging left in production code: harmless for users, but while DevTools (or
// any CDP client with Runtime enabled) is attached, the console keeps every logged object.
function audit(action, details) {
  console.log('[audit]', new AuditEvent(action, details));
}

function openRoleDialog() {
  const dialog = document.createElement('div');
  dialog.className = 'role-dialog';
  dialog.innerHTML = `
    <label>Role <select><option>Member</option><option>Admin</option></select></label>
    <button class="cancel">Cancel</button>`;
  dialog.querySelector('.cancel').addEventListener('click', () => {
    audit('role-dialog-cancelled', { member: 'ada' });
    dialog.remove();
  });
  document.getElementById('dialog-slot').replaceChildren(dialog);
  audit('role-dialog-opened', { member: 'ada' });
}

document.getElementById('edit-role').addEventListener('click', openRoleDialog);
