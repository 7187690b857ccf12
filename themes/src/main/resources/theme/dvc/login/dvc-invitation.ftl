<#--
  The invited agency admin's page (de.dvc.iam.keycloak.onboarding.InvitationPage): who the invitation is for, and the
  password of the new DVC-local admin account. The authenticator app (TOTP) is set up at the first sign-in.
  Every value is escaped as plain text (FreeMarker's HTML auto-escaping); the inviter typed the name.
-->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('password','password-confirm','code'); section>
    <#if section = "header">
        <#if dvcInvitationDone??>${msg("dvcInvitationDoneTitle")}<#else>${msg("dvcInvitationTitle")}</#if>
    <#elseif section = "form">
        <#if dvcInvitationDone??>
            <div id="dvc-invitation-done" role="status">
                <p>${msg("dvcInvitationDone", dvcInvitationAgency)}</p>
                <p>${msg("dvcInvitationUsernameIs")} <strong id="dvc-invitation-username">${dvcInvitationUsername}</strong></p>
                <p>${msg("dvcInvitationNext")}</p>
            </div>
        <#else>
            <p id="dvc-invitation-for">${msg("dvcInvitationFor", dvcInvitationName, dvcInvitationAgency, dvcInvitationEmail)}</p>
            <#if messagesPerField.existsError('code')>
                <div id="input-error-code" class="${properties.kcAlertClass!} pf-m-danger" role="alert">
                    <p class="${properties.kcAlertTitleClass!}">${messagesPerField.get('code')}</p>
                </div>
            </#if>
            <form id="dvc-invitation-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                <input type="hidden" name="code" value="${dvcInvitationCode}"/>
                <@field.group name="password" label=msg("dvcInvitationPassword") error=messagesPerField.get('password') required=true>
                    <span class="${properties.kcInputClass} <#if messagesPerField.existsError('password')>${properties.kcError}</#if>">
                        <input id="password" name="password" type="password" autocomplete="new-password" autofocus required
                               aria-describedby="dvc-password-help<#if messagesPerField.existsError('password')> input-error-password</#if>"
                               <#if messagesPerField.existsError('password')>aria-invalid="true"</#if>/>
                    </span>
                    <p id="dvc-password-help" class="dvc-help">${msg("dvcInvitationPasswordHelp", dvcInvitationMinPassword)}</p>
                </@field.group>
                <@field.group name="password-confirm" label=msg("dvcInvitationPasswordConfirm") error=messagesPerField.get('password-confirm') required=true>
                    <span class="${properties.kcInputClass} <#if messagesPerField.existsError('password-confirm')>${properties.kcError}</#if>">
                        <input id="password-confirm" name="password-confirm" type="password" autocomplete="new-password" required
                               <#if messagesPerField.existsError('password-confirm')>aria-invalid="true" aria-describedby="input-error-password-confirm"</#if>/>
                    </span>
                </@field.group>
                <p class="dvc-help">${msg("dvcInvitationTotpNext")}</p>
                <div class="${properties.kcFormGroupClass!}">
                    <button id="dvc-invitation-accept" type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("dvcInvitationAccept")}</button>
                </div>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
