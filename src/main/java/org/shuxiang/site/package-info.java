/**
 * The reader site ({@code /}): search, records with where their copies are, holds, the reader's account
 * and online registration, made for a phone first. Pages are rendered on the server (Thymeleaf, htmx);
 * every action goes through the public services of the modules, as the reader signed in.
 */
package org.shuxiang.site;
