<#--
  DVC's password form for one agency directory (de.dvc.iam.keycloak.directory.DirectoryLoginEndpoint): the agency's
  name, the login name and the password, checked by that agency's directory only. The broker state (in the action URL,
  as Keycloak's own forms carry their session code) is single-use and renewed with every page. Every value is escaped as plain text (FreeMarker's HTML auto-escaping).
-->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('password'); section>
    <#if section = "header">
        ${msg("dvcDirectoryTitle", dvcDirectory.agency)}
    <#elseif section = "form">
        <p id="dvc-directory-intro">${msg("dvcDirectoryIntro", dvcDirectory.agency)}</p>
        <form id="kc-form-login" class="${properties.kcFormClass!}" action="${dvcDirectory.action}" method="post" novalidate>
            <@field.group name="username" label=msg("dvcDirectoryUsername") error="" required=true>
                <span class="${properties.kcInputClass}">
                    <input id="username" name="username" type="text" value="${dvcDirectory.username}" autocomplete="username"
                           <#if dvcDirectory.username == "">autofocus</#if> required aria-describedby="dvc-directory-username-help"/>
                </span>
                <p id="dvc-directory-username-help" class="dvc-help">${msg("dvcDirectoryUsernameHelp")}</p>
            </@field.group>
            <@field.group name="password" label=msg("password") error=messagesPerField.get('password') required=true>
                <span class="${properties.kcInputClass} <#if messagesPerField.existsError('password')>${properties.kcError}</#if>">
                    <input id="password" name="password" type="password" autocomplete="current-password" required
                           <#if dvcDirectory.username != "">autofocus</#if>
                           <#if messagesPerField.existsError('password')>aria-invalid="true" aria-describedby="input-error-password"</#if>/>
                </span>
            </@field.group>
            <p class="dvc-help">${msg("dvcDirectoryPrivacy")}</p>
            <div class="${properties.kcFormGroupClass!}">
                <button id="dvc-directory-submit" type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("doLogIn")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
